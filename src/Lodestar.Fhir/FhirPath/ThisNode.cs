using System.Text;

namespace Lodestar.Fhir.FhirPath;

/// <summary><c>$this</c>: the focus collection (inside <c>where()</c> the evaluator passes one item at a time).</summary>
internal sealed class ThisNode : Node
{
    public override void Evaluate(EvalContext context, ItemList input, ItemList output) => output.AddRange(input);

    public override void AppendKey(StringBuilder key) => key.Append("$this");
}
