using System.Text.Json;
using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary>
/// Per-thread state of a compiled view: the general evaluator's context (its pooled item lists, the resource, and
/// the memo slots of columns left to it) and the values of the resource's top-level members, read in one pass.
/// </summary>
internal sealed class StepContext(int slots)
{
    public EvalContext Eval { get; } = new();

    /// <summary>What the bare member with this slot gives on the resource, as <see cref="Navigation.Child"/> would.</summary>
    public ItemList[] Slots { get; } = Enumerable.Range(0, slots).Select(_ => new ItemList()).ToArray();

    public JsonElement Resource => Eval.Resource;

    public ItemList Rent() => Eval.Rent();

    public void Return(ItemList list) => Eval.Return(list);
}
