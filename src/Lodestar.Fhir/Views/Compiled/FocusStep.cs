using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>$this</c>, and the implicit focus of a function without a source (<c>getResourceKey()</c>).</summary>
internal sealed class FocusStep : Step
{
    public static FocusStep Instance { get; } = new();

    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        output.Add(focus);
        return true;
    }
}
