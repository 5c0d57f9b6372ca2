using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>source.exists()</c>, or <c>source.empty()</c> when <paramref name="empty"/> is set.</summary>
internal sealed class CountTestStep(Step source, bool empty) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        var items = context.Rent();
        try
        {
            // One item settles exists() and empty() alike.
            if (!source.First(focus, context, items))
            {
                return false;
            }
            output.Add(Item.FromBoolean((items.Count > 0) != empty));
            return true;
        }
        finally
        {
            context.Return(items);
        }
    }
}
