using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary><c>%rowIndex</c> (SQL on FHIR v2): the 0-based index of the element the innermost forEach/repeat is on.</summary>
internal sealed class RowIndexNode : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output) =>
        output.Add(Item.FromInteger(context.RowIndex));

    public override void AppendKey(StringBuilder key) => key.Append("%rowIndex");
}
