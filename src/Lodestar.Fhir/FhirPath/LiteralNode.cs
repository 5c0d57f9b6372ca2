namespace Lodestar.Fhir.FhirPath;

/// <summary>A literal or a view constant: a fixed collection, known when the view is compiled.</summary>
internal sealed class LiteralNode(Item[] values) : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output)
    {
        foreach (var value in values)
        {
            output.Add(value);
        }
    }
}
