using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>source.ofType(T)</c>: the items of FHIR type T (a choice element's suffix, else the JSON kind).</summary>
internal sealed class OfTypeStep(Step source, string type) : Step
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
                if (Navigation.IsOfType(item, type))
                {
                    output.Add(item);
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
