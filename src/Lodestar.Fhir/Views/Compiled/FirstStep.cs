using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>source.first()</c>.</summary>
internal sealed class FirstStep(Step source) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output) => source.First(focus, context, output);

    public override bool First(in Item focus, StepContext context, ItemList output) => source.First(focus, context, output);
}
