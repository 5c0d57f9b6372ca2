using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary>A literal or a view constant: a fixed collection, known when the view is compiled.</summary>
internal sealed class LiteralNode(Item[] values) : Node
{
    internal ReadOnlySpan<Item> Values => values;

    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        foreach (var value in values)
        {
            output.Add(value);
        }
    }

    public override void AppendKey(StringBuilder key)
    {
        // Kind, type and text identify a literal: 1 and 1.0 and '1' differ.
        key.Append('{');
        foreach (var value in values)
        {
            key.Append(value.Kind).Append(':').Append(value.Type).Append(':').Append(Text.Of(value)).Append('\u0001');
        }
        key.Append('}');
    }
}
