using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>source.select(projection)</c>: the projection of each item, in order.</summary>
internal sealed class SelectStep(Step source, Step projection) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        if (!ItemsOf(source, focus, context, out var items, out var rented))
        {
            return false;
        }
        try
        {
            foreach (ref readonly var item in items.AsSpan())
            {
                if (!projection.Eval(item, context, output))
                {
                    return false;
                }
            }
            return true;
        }
        finally
        {
            if (rented)
            {
                context.Return(items);
            }
        }
    }
}
