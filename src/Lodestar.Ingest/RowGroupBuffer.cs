using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Collects merged rows and hands them to <paramref name="flush"/> as a row group whenever the builders pass
/// <paramref name="budgetBytes"/>, then starts over with empty builders (and so with fresh string dictionaries).
/// </summary>
internal sealed class RowGroupBuffer(string name, IReadOnlyList<(string Name, ColumnType Type)> schema, long budgetBytes, Action<Table> flush)
{
    /// <summary>
    /// The builders' size is checked every this many rows, so a group ends at a multiple of it: where groups end then
    /// depends on the rows alone, not on how thread timing split them into merged ranges, and a table file is the same,
    /// byte for byte, from one run to the next.
    /// </summary>
    internal const int CheckRows = 4096;

    private TableBuilder builder = new(name, schema);

    /// <summary>Appends rows start..start+count of <paramref name="group"/>'s first <c>schema.Count</c> columns.</summary>
    public void Append(Table group, int start, int count)
    {
        while (count > 0)
        {
            var rows = Math.Min(count, CheckRows - (builder.RowCount % CheckRows));
            for (var c = 0; c < builder.Columns.Count; c++)
            {
                builder.Columns[c].AppendRange(group.Columns[c], start, rows);
            }
            start += rows;
            count -= rows;
            if (builder.RowCount % CheckRows == 0 && Held() >= budgetBytes)
            {
                Flush();
            }
        }
    }

    public void Flush()
    {
        if (builder.RowCount == 0)
        {
            return;
        }
        var group = builder.Build();
        builder = new TableBuilder(name, schema);
        flush(group);
    }

    private long Held()
    {
        var bytes = 0L;
        foreach (var column in builder.Columns)
        {
            bytes += column.EstimatedBytes;
        }
        return bytes;
    }
}
