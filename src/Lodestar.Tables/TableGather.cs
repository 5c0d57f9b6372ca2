namespace Lodestar.Tables;

/// <summary>Reorders or selects rows: row i of the result is row <c>rows[i]</c> of the source.</summary>
public static class TableGather
{
    public static Table Gather(Table table, int[] rows) => Gather(table, rows, compactDictionaries: false);

    /// <summary>
    /// With <paramref name="compactDictionaries"/>, string dictionaries keep only the values the picked rows use, in
    /// first-use order: what a slice written as its own row group needs (a slice of a column of unique ids would
    /// otherwise carry every id of the whole column).
    /// </summary>
    public static Table Gather(Table table, int[] rows, bool compactDictionaries)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        return new Table(table.Name, table.Columns.Select(c => Compact(Gather(c, rows), compactDictionaries)).ToArray());
    }

    // A slice is one part re-interned in first-use order: the same as joining row groups.
    private static Column Compact(Column column, bool compact) => (compact, column) switch
    {
        (true, StringColumn s) => RowGroupConcat.Strings(s.Name, [s]),
        (true, StringListColumn l) => RowGroupConcat.Lists(l.Name, [l]),
        _ => column,
    };

    private static Column Gather(Column column, int[] rows) => column switch
    {
        StringColumn s => new StringColumn(s.Name, Pick(s.Codes, rows), s.Distinct),
        StringListColumn l => GatherList(l, rows),
        Int64Column i => new Int64Column(i.Name, Pick(i.Values, rows), Pick(i.Validity, rows)),
        DoubleColumn d => new DoubleColumn(d.Name, Pick(d.Values, rows), Pick(d.Validity, rows)),
        BoolColumn b => new BoolColumn(b.Name, Pick(b.Values, rows), Pick(b.Validity, rows)),
        DateColumn t => new DateColumn(t.Name, Pick(t.Days, rows), Pick(t.Validity, rows)),
        _ => throw new NotSupportedException(column.GetType().Name),
    };

    private static T[] Pick<T>(T[] values, int[] rows)
    {
        var result = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }
        return result;
    }

    private static Validity? Pick(Validity? validity, int[] rows)
    {
        if (validity is null)
        {
            return null;
        }
        var result = new Validity(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            if (validity[rows[i]])
            {
                result.Set(i);
            }
        }
        return result;
    }

    private static StringListColumn GatherList(StringListColumn l, int[] rows)
    {
        var offsets = new int[rows.Length + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            offsets[i + 1] = offsets[i] + (l.Offsets[rows[i] + 1] - l.Offsets[rows[i]]);
        }
        var values = new int[offsets[^1]];
        for (var i = 0; i < rows.Length; i++)
        {
            l.Row(rows[i]).CopyTo(values.AsSpan(offsets[i]));
        }
        return new StringListColumn(l.Name, offsets, values, l.Distinct);
    }
}
