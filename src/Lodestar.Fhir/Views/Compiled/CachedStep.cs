using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// A path on the resource that several columns share (<c>code.coding</c> in four observation columns): computed once
/// per resource into the context's cache slot <paramref name="cache"/>, then read by each. The general evaluator's
/// <see cref="MemoNode"/>s mark these paths.
/// </summary>
internal sealed class CachedStep(Step inner, int cache) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        if (!TryHeld(focus, context, out var held))
        {
            return false;
        }
        output.AddRange(held!);
        return true;
    }

    public override bool TryHeld(in Item focus, StepContext context, out ItemList? held)
    {
        if (context.TryGetCached(cache, out held))
        {
            return true;
        }
        var values = context.StartCache(cache);
        if (!inner.Eval(focus, context, values))
        {
            return false;
        }
        context.FinishCache(cache);
        held = values;
        return true;
    }
}
