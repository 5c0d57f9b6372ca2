using System.Text.Json;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// Per-thread state for evaluating compiled expressions against one resource at a time:
/// the resource (for <c>%resource</c> and <c>getResourceKey()</c>), the current <c>%rowIndex</c>,
/// and a pool of item lists so evaluation allocates nothing in the steady state.
/// </summary>
internal sealed class EvalContext
{
    private readonly Stack<ItemList> free = new();

    public JsonElement Resource { get; set; }

    public long RowIndex { get; set; }

    public ItemList Rent() => free.Count > 0 ? free.Pop() : new ItemList();

    public void Return(ItemList list)
    {
        list.Clear();
        free.Push(list);
    }
}
