using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// <c>source.name</c>, or a bare <c>name</c> on the focus. A leading type name (<c>Patient.name</c>)
/// selects the focus itself when it is a resource of that type (FHIRPath §3 "Path selection").
/// </summary>
internal sealed class MemberNode(Node? source, string name) : Node
{
    private readonly byte[] nameUtf8 = Encoding.UTF8.GetBytes(name);
    private readonly bool mayBeTypeName = source is null && name.Length > 0 && char.IsAsciiLetterUpper(name[0]);

    public override string? IdentifierName => source is null ? name : null;

    /// <summary>The path this member is read from, or null for a bare name on the focus (read by <see cref="Views.Compiled.StepCompiler"/>).</summary>
    internal Node? Source => source;

    internal string Name => name;

    internal byte[] NameUtf8 => nameUtf8;

    /// <summary>A bare capitalised name may be a type (<c>Patient.name</c>), which selects the focus rather than a child.</summary>
    internal bool MayBeTypeName => mayBeTypeName;

    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        if (source is null)
        {
            Navigate(input, output);
            return;
        }
        var focus = context.Rent();
        try
        {
            source.Evaluate(context, input, focus);
            Navigate(focus, output);
        }
        finally
        {
            context.Return(focus);
        }
    }

    private void Navigate(ItemList focus, ItemList output)
    {
        foreach (ref readonly var item in focus.AsSpan())
        {
            if (mayBeTypeName && item.IsObject && item.Element.TryGetProperty("resourceType"u8, out var type) && type.ValueEquals(nameUtf8))
            {
                output.Add(item);
                continue;
            }
            Navigation.Child(item, nameUtf8, output);
        }
    }

    public override void AppendKey(StringBuilder key)
    {
        if (source is not null)
        {
            source.AppendKey(key);
            key.Append('.');
        }
        key.Append('`').Append(name).Append('`');
    }

    public override void RewriteSameFocusChildren(Func<Node, Node> rewrite)
    {
        if (source is not null)
        {
            source = rewrite(source);
        }
    }
}
