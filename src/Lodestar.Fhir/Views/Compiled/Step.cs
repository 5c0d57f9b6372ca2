using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// A FHIRPath expression compiled for one focus item at a time (the resource, or one item inside <c>where()</c>),
/// for the shapes Lodestar's own views use. Each step gives exactly what the general evaluator's node would give;
/// when the data has a shape a step does not reproduce (several values where one is expected, a non-string
/// operand), it returns false and the whole resource goes through the general evaluator instead.
/// </summary>
internal abstract class Step
{
    /// <summary>Appends the step's items for <paramref name="focus"/>; false when the general evaluator must decide.</summary>
    public abstract bool Eval(in Item focus, StepContext context, ItemList output);

    /// <summary>Appends only the first item, as <c>first()</c> needs. Steps that can stop early override this.</summary>
    public virtual bool First(in Item focus, StepContext context, ItemList output)
    {
        var before = output.Count;
        if (!Eval(focus, context, output))
        {
            return false;
        }
        output.Truncate(before + 1);
        return true;
    }
}
