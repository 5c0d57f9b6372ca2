using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// Per-thread state of a compiled view: the general evaluator's context (its pooled item lists, the resource, and
/// the memo slots of columns left to it) and the values of the resource's top-level members, read in one pass.
/// </summary>
internal sealed class StepContext(int slots, int caches)
{
    private readonly ItemList[] cached = Enumerable.Range(0, caches).Select(_ => new ItemList()).ToArray();
    private readonly long[] cachedFor = Enumerable.Repeat(-1L, caches).ToArray();
    private long resource;

    public EvalContext Eval { get; } = new();

    /// <summary>Per slot, the member of exactly that name, when the resource has it (what a property lookup finds).</summary>
    public JsonElement[] Exact { get; } = new JsonElement[slots];

    public bool[] HasExact { get; } = new bool[slots];

    /// <summary>What the bare member with this slot gives on the resource, as <see cref="Navigation.Child"/> would.</summary>
    public ItemList[] Slots { get; } = Enumerable.Range(0, slots).Select(_ => new ItemList()).ToArray();

    public JsonElement Resource => Eval.Resource;

    /// <summary>Starts a new resource: the slots are emptied and every cached path is stale.</summary>
    public void NextResource(JsonElement json)
    {
        Eval.Resource = json;
        Eval.RowIndex = 0;
        Eval.NextGeneration();
        resource++;
        foreach (var slot in Slots)
        {
            slot.Clear();
        }
    }

    public bool TryGetCached(int cache, out ItemList? values)
    {
        values = cachedFor[cache] == resource ? cached[cache] : null;
        return values is not null;
    }

    public ItemList StartCache(int cache)
    {
        cachedFor[cache] = -1;
        cached[cache].Clear();
        return cached[cache];
    }

    public void FinishCache(int cache) => cachedFor[cache] = resource;

    public ItemList Rent() => Eval.Rent();

    public void Return(ItemList list) => Eval.Return(list);
}
