namespace Lodestar.Fhir.FhirPath;

/// <summary>The function table: name → kind and arity. An unknown function or a wrong arity is a compile error.</summary>
internal static class Functions
{
    private static readonly Dictionary<string, (FunctionKind Kind, int Min, int Max)> Table = new(StringComparer.Ordinal)
    {
        ["where"] = (FunctionKind.Where, 1, 1),
        ["select"] = (FunctionKind.Select, 1, 1),
        ["exists"] = (FunctionKind.Exists, 0, 1),
        ["empty"] = (FunctionKind.Empty, 0, 0),
        ["all"] = (FunctionKind.All, 1, 1),
        ["not"] = (FunctionKind.Not, 0, 0),
        ["first"] = (FunctionKind.First, 0, 0),
        ["last"] = (FunctionKind.Last, 0, 0),
        ["tail"] = (FunctionKind.Tail, 0, 0),
        ["skip"] = (FunctionKind.Skip, 1, 1),
        ["take"] = (FunctionKind.Take, 1, 1),
        ["count"] = (FunctionKind.Count, 0, 0),
        ["distinct"] = (FunctionKind.Distinct, 0, 0),
        ["hasValue"] = (FunctionKind.HasValue, 0, 0),
        ["join"] = (FunctionKind.Join, 0, 1),
        ["extension"] = (FunctionKind.Extension, 1, 1),
        ["ofType"] = (FunctionKind.OfType, 1, 1),
        ["is"] = (FunctionKind.Is, 1, 1),
        ["as"] = (FunctionKind.As, 1, 1),
        ["getResourceKey"] = (FunctionKind.GetResourceKey, 0, 0),
        ["getReferenceKey"] = (FunctionKind.GetReferenceKey, 0, 1),
        ["lowBoundary"] = (FunctionKind.LowBoundary, 0, 1),
        ["highBoundary"] = (FunctionKind.HighBoundary, 0, 1),
        ["toString"] = (FunctionKind.ToString, 0, 0),
        ["startsWith"] = (FunctionKind.StartsWith, 1, 1),
        ["endsWith"] = (FunctionKind.EndsWith, 1, 1),
        ["contains"] = (FunctionKind.ContainsText, 1, 1),
        ["iif"] = (FunctionKind.Iif, 2, 3),
        ["single"] = (FunctionKind.Single, 0, 0),
        ["lower"] = (FunctionKind.Lower, 0, 0),
        ["upper"] = (FunctionKind.Upper, 0, 0),
        ["length"] = (FunctionKind.Length, 0, 0),
        ["substring"] = (FunctionKind.Substring, 1, 2),
        ["replace"] = (FunctionKind.Replace, 2, 2),
        ["toInteger"] = (FunctionKind.ToInteger, 0, 0),
        ["toDecimal"] = (FunctionKind.ToDecimal, 0, 0),
    };

    public static Node Create(Node? source, string name, List<Node> arguments)
    {
        if (!Table.TryGetValue(name, out var entry))
        {
            throw new FhirPathException($"unknown function {name}()");
        }
        if (arguments.Count < entry.Min || arguments.Count > entry.Max)
        {
            throw new FhirPathException($"{name}() takes {(entry.Min == entry.Max ? entry.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{entry.Min} to {entry.Max}")} argument(s), not {arguments.Count}");
        }
        string? typeArgument = null;
        string? textArgument = null;
        switch (entry.Kind)
        {
            case FunctionKind.OfType:
            case FunctionKind.Is:
            case FunctionKind.As:
                typeArgument = TypeName(arguments[0], name);
                break;
            case FunctionKind.GetReferenceKey when arguments.Count == 1:
                typeArgument = TypeName(arguments[0], name);
                break;
            case FunctionKind.Extension:
                textArgument = LiteralText(arguments[0], name);
                break;
        }
        return new FunctionNode(source, entry.Kind, [.. arguments], typeArgument, textArgument);
    }

    private static string TypeName(Node argument, string function) =>
        argument.IdentifierName ?? throw new FhirPathException($"{function}() needs a type name such as Quantity or Patient");

    private static string LiteralText(Node argument, string function)
    {
        if (argument is LiteralNode literal)
        {
            var context = new EvalContext();
            var values = new ItemList();
            literal.Evaluate(context, values, values);
            if (values.Count == 1 && values[0].Kind == ItemKind.String)
            {
                return values[0].Text!;
            }
        }
        throw new FhirPathException($"{function}() needs a string literal");
    }
}
