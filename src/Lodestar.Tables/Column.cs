namespace Lodestar.Tables;

/// <summary>
/// One typed column of a <see cref="Table"/>: values in a flat array, nulls in a validity bitmap
/// (DuckDB's vector layout), so measures scan arrays without boxing.
/// </summary>
public abstract class Column
{
    protected Column(string name, int count)
    {
        Name = name;
        Count = count;
    }

    public string Name { get; }

    public int Count { get; }

    public abstract ColumnType Type { get; }

    public abstract bool IsNull(int row);

    /// <summary>The value as text, for CSV output and debugging (null stays null).</summary>
    public abstract string? Format(int row);
}
