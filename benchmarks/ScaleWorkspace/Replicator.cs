using System.Globalization;
using Lodestar.Tables;

/// <summary>Repeats a table's rows K times, suffixing identity columns per copy.</summary>
internal static class Replicator
{
    /// <summary>
    /// Identity columns: the resource id and every resource key or reference to a per-patient resource.
    /// Keys of shared resources (organizations, medications) stay as they are: copies share them, as
    /// patients of one health system do.
    /// </summary>
    public static bool IsIdentity(string column) =>
        column == "id" || (column.EndsWith("_key", StringComparison.Ordinal)
            && column is not ("service_provider_key" or "medication_key"));

    /// <summary>Copy 0 keeps the value; copy k appends "-r{k}" (valid in FHIR ids and in "Type/id" keys).</summary>
    public static string Suffix(string value, int copy) =>
        copy == 0 ? value : value + "-r" + copy.ToString(CultureInfo.InvariantCulture);

    public static Table Replicate(Table table, int copies)
    {
        var columns = new Column[table.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = Replicate(table.Columns[c], copies);
        }
        return new Table(table.Name, columns);
    }

    private static Column Replicate(Column column, int copies) => column switch
    {
        StringColumn s when IsIdentity(s.Name) => SuffixedStrings(s, copies),
        StringColumn s => new StringColumn(s.Name, Repeat(s.Codes, copies), s.Dictionary),
        StringListColumn l => RepeatedLists(l, copies),
        Int64Column i => new Int64Column(i.Name, Repeat(i.Values, copies), Repeat(i.Validity, i.Count, copies)),
        DoubleColumn d => new DoubleColumn(d.Name, Repeat(d.Values, copies), Repeat(d.Validity, d.Count, copies)),
        BoolColumn b => new BoolColumn(b.Name, Repeat(b.Values, copies), Repeat(b.Validity, b.Count, copies)),
        DateColumn d => new DateColumn(d.Name, Repeat(d.Days, copies), Repeat(d.Validity, d.Count, copies)),
        _ => throw new NotSupportedException($"Column {column.Name}: type {column.Type} is not replicated."),
    };

    // Copy k's dictionary is the source dictionary suffixed, placed at k * D, so codes shift by k * D.
    private static StringColumn SuffixedStrings(StringColumn s, int copies)
    {
        var d = s.Dictionary.Length;
        var dictionary = new string[d * copies];
        var codes = new int[checked(s.Count * copies)];
        for (var k = 0; k < copies; k++)
        {
            for (var i = 0; i < d; i++)
            {
                dictionary[(k * d) + i] = Suffix(s.Dictionary[i], k);
            }
            var offset = k * d;
            var target = codes.AsSpan(k * s.Count, s.Count);
            for (var r = 0; r < target.Length; r++)
            {
                var code = s.Codes[r];
                target[r] = code < 0 ? -1 : code + offset;
            }
        }
        return new StringColumn(s.Name, codes, dictionary);
    }

    private static StringListColumn RepeatedLists(StringListColumn l, int copies)
    {
        var rows = l.Count;
        var total = l.Offsets[rows];
        var offsets = new int[checked((rows * copies) + 1)];
        for (var k = 0; k < copies; k++)
        {
            var shift = checked(k * total);
            for (var r = 0; r < rows; r++)
            {
                offsets[(k * rows) + r] = l.Offsets[r] + shift;
            }
        }
        offsets[rows * copies] = checked(total * copies);
        return new StringListColumn(l.Name, offsets, Repeat(l.Values.AsSpan(0, total).ToArray(), copies), l.Dictionary);
    }

    private static T[] Repeat<T>(T[] values, int copies)
    {
        var result = new T[checked(values.Length * copies)];
        for (var k = 0; k < copies; k++)
        {
            values.CopyTo(result, k * values.Length);
        }
        return result;
    }

    private static Validity? Repeat(Validity? validity, int rows, int copies)
    {
        if (validity is null)
        {
            return null;
        }
        var result = new Validity(checked(rows * copies));
        for (var r = 0; r < rows; r++)
        {
            if (validity[r])
            {
                for (var k = 0; k < copies; k++)
                {
                    result.Set((k * rows) + r);
                }
            }
        }
        return result;
    }
}
