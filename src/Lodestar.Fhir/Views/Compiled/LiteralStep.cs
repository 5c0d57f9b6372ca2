using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>A literal or a view constant.</summary>
internal sealed class LiteralStep(Item[] values) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        foreach (var value in values)
        {
            output.Add(value);
        }
        return true;
    }
}
