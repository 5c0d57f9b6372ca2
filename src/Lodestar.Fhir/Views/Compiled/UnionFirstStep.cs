using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// <c>(a | b).first()</c>: a's first item, else b's. A union keeps its left operand's order and only drops later
/// duplicates (FHIRPath §6.5), so its first item never needs the de-duplication. Compiled only under <c>first()</c>.
/// </summary>
internal sealed class UnionFirstStep(Step left, Step right) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output) => First(focus, context, output);

    public override bool First(in Item focus, StepContext context, ItemList output)
    {
        var before = output.Count;
        if (!left.First(focus, context, output))
        {
            return false;
        }
        return output.Count > before || right.First(focus, context, output);
    }
}
