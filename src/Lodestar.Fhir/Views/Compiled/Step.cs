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

    /// <summary>
    /// For steps whose items already sit in a list for this resource (a slot, a shared path), that list, so a caller can
    /// read it without copying; null for other steps. False when the general evaluator must decide.
    /// </summary>
    public virtual bool TryHeld(in Item focus, StepContext context, out ItemList? held)
    {
        held = null;
        return true;
    }

    /// <summary>
    /// The items of <paramref name="source"/> for <paramref name="focus"/>: its held list, or a list rented from the
    /// context (<paramref name="rented"/> true; the caller returns it). False when the general evaluator must decide.
    /// </summary>
    protected static bool ItemsOf(Step source, in Item focus, StepContext context, out ItemList items, out bool rented)
    {
        rented = false;
        if (!source.TryHeld(focus, context, out var held))
        {
            items = null!;
            return false;
        }
        if (held is not null)
        {
            items = held;
            return true;
        }
        items = context.Rent();
        rented = true;
        if (!source.Eval(focus, context, items))
        {
            context.Return(items);
            rented = false;
            return false;
        }
        return true;
    }

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
