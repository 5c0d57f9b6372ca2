namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// A growable collection of items, rented from an <see cref="EvalContext"/> and returned after use,
/// so evaluating a path over millions of resources reuses the same arrays instead of allocating per row.
/// </summary>
internal sealed class ItemList
{
    private Item[] items = new Item[4];

    public int Count { get; private set; }

    public Item this[int index] => items[index];

    public ReadOnlySpan<Item> AsSpan() => items.AsSpan(0, Count);

    public void Add(in Item item)
    {
        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }
        items[Count++] = item;
    }

    public void AddRange(ItemList other)
    {
        foreach (ref readonly var item in other.AsSpan())
        {
            Add(item);
        }
    }

    /// <summary>Drops the items from <paramref name="count"/> on (a compiled <c>first()</c> keeps one of a member's array).</summary>
    public void Truncate(int count)
    {
        if (count < Count)
        {
            Array.Clear(items, count, Count - count);
            Count = count;
        }
    }

    public void Clear()
    {
        // Drop references (JsonDocuments, strings) so a pooled list does not keep a disposed resource alive.
        Array.Clear(items, 0, Count);
        Count = 0;
    }
}
