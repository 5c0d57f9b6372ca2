using System.Text.Json;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// Per-thread state for evaluating compiled expressions against one resource at a time:
/// the resource (for <c>%resource</c> and <c>getResourceKey()</c>), the current <c>%rowIndex</c>,
/// a pool of item lists so evaluation allocates nothing in the steady state, and the memo slots of
/// subexpressions shared by a select's columns.
/// </summary>
internal sealed class EvalContext
{
    private readonly Stack<ItemList> free = new();
    private ItemList[] memo = [];
    private ItemList?[] memoInput = [];
    private long[] memoGeneration = [];

    public JsonElement Resource { get; set; }

    public long RowIndex { get; set; }

    /// <summary>Advanced for every new focus; memo slots filled under an older generation are stale.</summary>
    public long Generation { get; private set; }

    public void NextGeneration() => Generation++;

    public ItemList Rent() => free.Count > 0 ? free.Pop() : new ItemList();

    public void Return(ItemList list)
    {
        list.Clear();
        free.Push(list);
    }

    public ItemList? TryGetMemo(int slot, ItemList input) =>
        slot < memo.Length && memoGeneration[slot] == Generation && ReferenceEquals(memoInput[slot], input) ? memo[slot] : null;

    public ItemList StartMemo(int slot)
    {
        if (slot >= memo.Length)
        {
            var size = Math.Max(slot + 1, memo.Length * 2);
            var old = memo.Length;
            Array.Resize(ref memo, size);
            Array.Resize(ref memoInput, size);
            Array.Resize(ref memoGeneration, size);
            for (var i = old; i < size; i++)
            {
                memo[i] = new ItemList();
                memoGeneration[i] = -1;
            }
        }
        // Invalid until finished, so an expression that throws half-way leaves nothing behind to reuse.
        memoGeneration[slot] = -1;
        memo[slot].Clear();
        return memo[slot];
    }

    public void FinishMemo(int slot, ItemList input)
    {
        memoInput[slot] = input;
        memoGeneration[slot] = Generation;
    }
}
