using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// <c>source.where(criteria)</c>, and <c>source.exists(criteria)</c> when <paramref name="exists"/> is set: the criteria
/// run on each item as the focus, and an item passes when they give one value that is true, or one that is not a
/// boolean (the general evaluator's rule).
/// </summary>
internal sealed class WhereStep(Step source, Step criteria, bool exists = false) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        if (!ItemsOf(source, focus, context, out var items, out var rented))
        {
            return false;
        }
        var result = context.Rent();
        try
        {
            var any = false;
            foreach (ref readonly var item in items.AsSpan())
            {
                result.Clear();
                if (!criteria.Eval(item, context, result))
                {
                    return false;
                }
                if (result.Count == 1 && (result[0].ToPrimitive() is var r && (r.Kind != ItemKind.Boolean || r.Flag)))
                {
                    // exists() still runs the criteria on every item, so data the general evaluator rejects is left to it.
                    any = true;
                    if (!exists)
                    {
                        output.Add(item);
                    }
                }
            }
            if (exists)
            {
                output.Add(Item.FromBoolean(any));
            }
            return true;
        }
        finally
        {
            if (rented)
            {
                context.Return(items);
            }
            context.Return(result);
        }
    }
}
