using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>source.select(projection)</c>: the projection of each item, in order.</summary>
internal sealed class SelectStep(Step source, Step projection) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        var items = context.Rent();
        try
        {
            if (!source.Eval(focus, context, items))
            {
                return false;
            }
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
            context.Return(items);
        }
    }
}
