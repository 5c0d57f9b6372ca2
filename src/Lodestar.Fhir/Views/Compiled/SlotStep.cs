using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// A bare member on the resource (<c>code</c>, <c>value</c>): read from the slot the single pass over the resource's
/// members filled, so columns that share a member, or a choice element's scan, do not look it up again each.
/// </summary>
internal sealed class SlotStep(int slot) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        output.AddRange(context.Slots[slot]);
        return true;
    }

    public override bool TryHeld(in Item focus, StepContext context, out ItemList? held)
    {
        held = context.Slots[slot];
        return true;
    }

    public override bool First(in Item focus, StepContext context, ItemList output)
    {
        var values = context.Slots[slot];
        if (values.Count > 0)
        {
            output.Add(values[0]);
        }
        return true;
    }
}
