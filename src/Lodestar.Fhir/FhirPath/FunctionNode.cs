using System.Text;
using System.Text.Json;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// A function call <c>source.name(args)</c>. Arguments stay unevaluated nodes: <c>where()</c> and
/// <c>exists()</c> evaluate theirs once per item with that item as <c>$this</c> (FHIRPath §5.2).
/// Type and string arguments (<c>ofType(Quantity)</c>, <c>extension('url')</c>) are fixed at compile time.
/// </summary>
internal sealed class FunctionNode : Node
{
    private Node? source;
    private readonly FunctionKind kind;
    private readonly Node[] arguments;
    private readonly string? typeArgument;
    private readonly byte[]? textArgument;

    /// <summary>"Type/" for getReferenceKey(Type), made once instead of per reference.</summary>
    private readonly string? typePrefix;
    private readonly byte[]? typePrefixUtf8;

    public FunctionNode(Node? source, FunctionKind kind, Node[] arguments, string? typeArgument, string? textArgument)
    {
        this.source = source;
        this.kind = kind;
        this.arguments = arguments;
        this.typeArgument = typeArgument;
        this.textArgument = textArgument is null ? null : Encoding.UTF8.GetBytes(textArgument);
        typePrefix = typeArgument is null ? null : typeArgument + "/";
        typePrefixUtf8 = typePrefix is null ? null : Encoding.UTF8.GetBytes(typePrefix);
    }

    internal Node? Source => source;

    internal FunctionKind Kind => kind;

    internal ReadOnlySpan<Node> Arguments => arguments;

    internal string? TypeArgument => typeArgument;

    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        if (source is null)
        {
            Apply(context, input, input, output);
            return;
        }
        if (kind == FunctionKind.First)
        {
            source.EvaluateFirst(context, input, output);
            return;
        }
        var focus = context.Rent();
        try
        {
            source.Evaluate(context, input, focus);
            Apply(context, input, focus, output);
        }
        finally
        {
            context.Return(focus);
        }
    }

    private void Apply(EvalContext context, ItemList input, ItemList focus, ItemList output)
    {
        switch (kind)
        {
            case FunctionKind.Where:
            case FunctionKind.Select:
            case FunctionKind.All:
                PerItem(context, focus, output);
                return;
            case FunctionKind.Exists:
                if (arguments.Length == 0)
                {
                    output.Add(Item.FromBoolean(focus.Count > 0));
                    return;
                }
                var matches = context.Rent();
                try
                {
                    PerItem(context, focus, matches);
                    output.Add(Item.FromBoolean(matches.Count > 0));
                }
                finally
                {
                    context.Return(matches);
                }
                return;
            case FunctionKind.Empty:
                output.Add(Item.FromBoolean(focus.Count == 0));
                return;
            case FunctionKind.Not:
                if (Singleton.GetBoolean(focus, "not()") is { } value)
                {
                    output.Add(Item.FromBoolean(!value));
                }
                return;
            case FunctionKind.First:
                if (focus.Count > 0)
                {
                    output.Add(focus[0]);
                }
                return;
            case FunctionKind.Last:
                if (focus.Count > 0)
                {
                    output.Add(focus[focus.Count - 1]);
                }
                return;
            case FunctionKind.Tail:
                for (var i = 1; i < focus.Count; i++)
                {
                    output.Add(focus[i]);
                }
                return;
            case FunctionKind.Skip:
            case FunctionKind.Take:
                var n = IntegerArgument(context, input);
                for (var i = 0; i < focus.Count; i++)
                {
                    if (kind == FunctionKind.Skip ? i >= n : i < n)
                    {
                        output.Add(focus[i]);
                    }
                }
                return;
            case FunctionKind.Count:
                output.Add(Item.FromInteger(focus.Count));
                return;
            case FunctionKind.Distinct:
                foreach (ref readonly var item in focus.AsSpan())
                {
                    var seen = false;
                    foreach (ref readonly var existing in output.AsSpan())
                    {
                        seen |= Values.Equal(item, existing, equivalent: false);
                    }
                    if (!seen)
                    {
                        output.Add(item);
                    }
                }
                return;
            case FunctionKind.HasValue:
                output.Add(Item.FromBoolean(focus.Count == 1 && focus[0].ToPrimitive().Kind != ItemKind.Json));
                return;
            case FunctionKind.Join:
                Join(context, input, focus, output);
                return;
            case FunctionKind.Extension:
                Extension(focus, output);
                return;
            case FunctionKind.OfType:
            case FunctionKind.As:
                foreach (ref readonly var item in focus.AsSpan())
                {
                    if (Navigation.IsOfType(item, typeArgument!))
                    {
                        output.Add(item);
                    }
                }
                return;
            case FunctionKind.Is:
                if (focus.Count > 0)
                {
                    output.Add(Item.FromBoolean(Navigation.IsOfType(Singleton.Get(focus, "is()"), typeArgument!)));
                }
                return;
            case FunctionKind.GetResourceKey:
                ResourceKey(focus, output);
                return;
            case FunctionKind.GetReferenceKey:
                ReferenceKey(focus, output);
                return;
            case FunctionKind.LowBoundary:
            case FunctionKind.HighBoundary:
                if (focus.Count > 0 && Boundary.Compute(Singleton.Get(focus, "a boundary function"), kind == FunctionKind.HighBoundary) is { } bound)
                {
                    output.Add(bound);
                }
                return;
            case FunctionKind.ToString:
                if (focus.Count > 0)
                {
                    output.Add(Item.FromString(Text.Of(Singleton.Get(focus, "toString()"))));
                }
                return;
            case FunctionKind.StartsWith:
            case FunctionKind.EndsWith:
            case FunctionKind.ContainsText:
                StringTest(context, input, focus, output);
                return;
            case FunctionKind.Iif:
                var condition = context.Rent();
                try
                {
                    arguments[0].Evaluate(context, focus, condition);
                    var chosen = Singleton.GetBoolean(condition, "iif()") == true ? arguments[1] : arguments.Length > 2 ? arguments[2] : null;
                    chosen?.Evaluate(context, focus, output);
                }
                finally
                {
                    context.Return(condition);
                }
                return;
            case FunctionKind.Single:
                if (focus.Count > 0)
                {
                    output.Add(Singleton.Get(focus, "single()"));
                }
                return;
            case FunctionKind.Lower:
            case FunctionKind.Upper:
            case FunctionKind.Length:
            case FunctionKind.Substring:
            case FunctionKind.Replace:
            case FunctionKind.ToInteger:
            case FunctionKind.ToDecimal:
                StringFunction(context, input, focus, output);
                return;
            default:
                throw new FhirPathException($"function {kind} is not implemented");
        }
    }

    /// <summary>where/select/all/exists(criteria): evaluate the argument once per item, with that item as the focus.</summary>
    private void PerItem(EvalContext context, ItemList focus, ItemList output)
    {
        var single = context.Rent();
        var result = context.Rent();
        try
        {
            var all = true;
            foreach (ref readonly var item in focus.AsSpan())
            {
                single.Clear();
                single.Add(item);
                result.Clear();
                arguments[0].Evaluate(context, single, result);
                if (kind == FunctionKind.Select)
                {
                    output.AddRange(result);
                    continue;
                }
                var truth = result.Count == 1 && (result[0].ToPrimitive() is var r && (r.Kind != ItemKind.Boolean || r.Flag));
                if (kind == FunctionKind.All)
                {
                    all &= truth;
                }
                else if (truth)
                {
                    output.Add(item);
                }
            }
            if (kind == FunctionKind.All)
            {
                output.Add(Item.FromBoolean(all));
            }
        }
        finally
        {
            context.Return(single);
            context.Return(result);
        }
    }

    private long IntegerArgument(EvalContext context, ItemList input, int index = 0)
    {
        var values = context.Rent();
        try
        {
            arguments[index].Evaluate(context, input, values);
            var value = Singleton.Get(values, kind.ToString()).ToPrimitive();
            return value.Kind == ItemKind.Integer ? (long)value.Number : throw new FhirPathException($"{kind} needs an integer");
        }
        finally
        {
            context.Return(values);
        }
    }

    private string? StringArgument(EvalContext context, ItemList input, int index = 0)
    {
        if (arguments.Length <= index)
        {
            return null;
        }
        var values = context.Rent();
        try
        {
            arguments[index].Evaluate(context, input, values);
            return values.Count == 0 ? null : Text.Of(Singleton.Get(values, kind.ToString()));
        }
        finally
        {
            context.Return(values);
        }
    }

    private void Join(EvalContext context, ItemList input, ItemList focus, ItemList output)
    {
        var separator = StringArgument(context, input) ?? "";
        var sb = new StringBuilder();
        for (var i = 0; i < focus.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(separator);
            }
            sb.Append(Text.Of(focus[i]));
        }
        output.Add(Item.FromString(sb.ToString()));
    }

    /// <summary>FHIRPath §5.6 string manipulation and §5.5 conversion, on a single input (empty in, empty out).</summary>
    private void StringFunction(EvalContext context, ItemList input, ItemList focus, ItemList output)
    {
        if (focus.Count == 0)
        {
            return;
        }
        var item = Singleton.Get(focus, kind.ToString()).ToPrimitive();
        if (kind == FunctionKind.ToInteger || kind == FunctionKind.ToDecimal)
        {
            if (item.IsNumber)
            {
                if (kind == FunctionKind.ToDecimal)
                {
                    output.Add(Item.FromDecimal(item.Number));
                }
                else if (item.Kind == ItemKind.Integer)
                {
                    output.Add(item);
                }
                return;
            }
            var style = kind == FunctionKind.ToInteger ? System.Globalization.NumberStyles.AllowLeadingSign : System.Globalization.NumberStyles.Number;
            if (item.Kind == ItemKind.String && decimal.TryParse(item.Text, style, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                output.Add(kind == FunctionKind.ToInteger ? Item.FromInteger(number) : Item.FromDecimal(number));
            }
            return;
        }
        if (item.Kind != ItemKind.String)
        {
            throw new FhirPathException($"{kind}() needs a string");
        }
        var text = item.Text!;
        switch (kind)
        {
            case FunctionKind.Lower:
                output.Add(Item.FromString(text.ToLowerInvariant()));
                return;
            case FunctionKind.Upper:
                output.Add(Item.FromString(text.ToUpperInvariant()));
                return;
            case FunctionKind.Length:
                output.Add(Item.FromInteger(text.Length));
                return;
            case FunctionKind.Substring:
                var start = IntegerArgument(context, input);
                if (start < 0 || start >= text.Length)
                {
                    return;
                }
                var length = arguments.Length > 1 ? IntegerArgument(context, input, 1) : text.Length - start;
                output.Add(Item.FromString(text.Substring((int)start, (int)Math.Clamp(length, 0, text.Length - start))));
                return;
            default:
                var pattern = StringArgument(context, input) ?? "";
                var substitution = StringArgument(context, input, 1) ?? "";
                output.Add(Item.FromString(pattern.Length == 0 ? text : text.Replace(pattern, substitution, StringComparison.Ordinal)));
                return;
        }
    }

    private void StringTest(EvalContext context, ItemList input, ItemList focus, ItemList output)
    {
        if (focus.Count == 0)
        {
            return;
        }
        var text = Text.Of(Singleton.Get(focus, kind.ToString()));
        if (StringArgument(context, input) is not { } argument)
        {
            return;
        }
        output.Add(Item.FromBoolean(kind switch
        {
            FunctionKind.StartsWith => text.StartsWith(argument, StringComparison.Ordinal),
            FunctionKind.EndsWith => text.EndsWith(argument, StringComparison.Ordinal),
            _ => text.Contains(argument, StringComparison.Ordinal),
        }));
    }

    /// <summary>FHIRPath §"FHIR extensions": <c>extension(url)</c> = <c>extension.where(url = %url)</c>.</summary>
    internal void Extension(ItemList focus, ItemList output)
    {
        foreach (ref readonly var item in focus.AsSpan())
        {
            if (!item.IsObject || !item.Element.TryGetProperty("extension"u8, out var extensions) || extensions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var extension in extensions.EnumerateArray())
            {
                if (extension.ValueKind == JsonValueKind.Object
                    && extension.TryGetProperty("url"u8, out var url)
                    && url.ValueKind == JsonValueKind.String
                    && url.ValueEquals(textArgument))
                {
                    output.Add(Item.FromJson(extension));
                }
            }
        }
    }

    /// <summary>
    /// SQL on FHIR v2 getResourceKey(): any stable key works as long as getReferenceKey() produces the same one
    /// for a reference to this resource. We use "Type/id", the relative reference form.
    /// </summary>
    internal static void ResourceKey(ItemList focus, ItemList output)
    {
        foreach (ref readonly var item in focus.AsSpan())
        {
            if (item.IsObject
                && item.Element.TryGetProperty("resourceType"u8, out var type) && type.ValueKind == JsonValueKind.String
                && item.Element.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String)
            {
                output.Add(Item.FromString(KeyOf(type, id)));
            }
        }
    }

    /// <summary>"type/id" as one string made from the UTF-8 bytes, instead of two decoded strings and their concatenation per row.</summary>
    internal static string KeyOf(JsonElement type, JsonElement id)
    {
        if (!JsonText.TryGetUnescapedUtf8(type, out var typeUtf8) || !JsonText.TryGetUnescapedUtf8(id, out var idUtf8)
            || typeUtf8.Length + idUtf8.Length > 1024)
        {
            return type.GetString() + "/" + id.GetString();
        }
        Span<byte> key = stackalloc byte[typeUtf8.Length + 1 + idUtf8.Length];
        typeUtf8.CopyTo(key);
        key[typeUtf8.Length] = (byte)'/';
        idUtf8.CopyTo(key[(typeUtf8.Length + 1)..]);
        return Encoding.UTF8.GetString(key);
    }

    /// <summary>
    /// getReferenceKey([type]): the "Type/id" a Reference points at, from relative ("Patient/1"), absolute
    /// (".../Patient/1") or versioned ("Patient/1/_history/2") literal references; empty when the type differs.
    /// </summary>
    internal void ReferenceKey(ItemList focus, ItemList output)
    {
        foreach (ref readonly var item in focus.AsSpan())
        {
            if (!item.IsObject || !item.Element.TryGetProperty("reference"u8, out var reference) || reference.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            if (JsonText.TryGetUnescapedUtf8(reference, out var utf8) && ReferenceKeys.IsPlainRelative(utf8))
            {
                // "Type/id" is its own key: hand over the JSON string itself, so no string is made unless one is asked for.
                if (typePrefixUtf8 is null || utf8.StartsWith(typePrefixUtf8))
                {
                    output.Add(Item.FromJson(reference));
                }
                continue;
            }
            if (ReferenceKeys.Parse(reference.GetString()!, typeArgument) is not { } key)
            {
                continue;
            }
            if (typePrefix is not null && !key.StartsWith(typePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            output.Add(Item.FromString(key));
        }
    }

    public override void AppendKey(StringBuilder key)
    {
        if (source is not null)
        {
            source.AppendKey(key);
            key.Append('.');
        }
        key.Append(kind).Append('(');
        if (typeArgument is not null)
        {
            key.Append("type ").Append(typeArgument);
        }
        if (textArgument is not null)
        {
            key.Append("text ").Append(Encoding.UTF8.GetString(textArgument));
        }
        foreach (var argument in arguments)
        {
            key.Append(',');
            argument.AppendKey(key);
        }
        key.Append(')');
    }

    public override void RewriteSameFocusChildren(Func<Node, Node> rewrite)
    {
        if (source is not null)
        {
            source = rewrite(source);
        }
        else if (kind == FunctionKind.Iif)
        {
            // Without a source, iif evaluates its criterion and branches on its own input.
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = rewrite(arguments[i]);
            }
        }
    }
}
