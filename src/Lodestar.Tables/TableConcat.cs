namespace Lodestar.Tables;

/// <summary>
/// Appends tables of the same schema (e.g. the per-file pieces of a parallel ingest) into one, re-interning
/// string dictionaries so the result is dictionary-encoded as if built in one pass.
/// </summary>
public static class TableConcat
{
    public static Table Concat(string name, IReadOnlyList<Table> parts, IReadOnlyList<(string Name, ColumnType Type)> schema)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new TableBuilder(name, schema);
        for (var c = 0; c < schema.Count; c++)
        {
            var target = builder.Columns[c];
            foreach (var part in parts)
            {
                var source = part.Columns[c];
                if (source.Type != schema[c].Type || source.Name != schema[c].Name)
                {
                    throw new ArgumentException($"Table {part.Name}: column {c} is {source.Name} {source.Type}, expected {schema[c].Name} {schema[c].Type}.", nameof(parts));
                }
                Append(target, source);
            }
        }
        return builder.Build();
    }

    private static void Append(ColumnBuilder target, Column source)
    {
        switch (target, source)
        {
            case (StringColumnBuilder t, StringColumn s):
                var map = new int[s.Dictionary.Length];
                for (var i = 0; i < map.Length; i++)
                {
                    map[i] = t.Intern(s.Dictionary[i]);
                }
                foreach (var code in s.Codes)
                {
                    t.AppendCode(code < 0 ? -1 : map[code]);
                }
                break;
            case (StringListColumnBuilder t, StringListColumn s):
                for (var r = 0; r < s.Count; r++)
                {
                    var row = s.Row(r);
                    var items = new string[row.Length];
                    for (var i = 0; i < row.Length; i++)
                    {
                        items[i] = s.Dictionary[row[i]];
                    }
                    t.Append(items);
                }
                break;
            case (Int64ColumnBuilder t, Int64Column s):
                for (var r = 0; r < s.Count; r++) { t.Append(s.IsNull(r) ? null : s.Values[r]); }
                break;
            case (DoubleColumnBuilder t, DoubleColumn s):
                for (var r = 0; r < s.Count; r++) { t.Append(s.IsNull(r) ? null : s.Values[r]); }
                break;
            case (BoolColumnBuilder t, BoolColumn s):
                for (var r = 0; r < s.Count; r++) { t.Append(s.IsNull(r) ? null : s.Values[r]); }
                break;
            case (DateColumnBuilder t, DateColumn s):
                for (var r = 0; r < s.Count; r++) { t.Append(s.IsNull(r) ? (int?)null : s.Days[r]); }
                break;
            default:
                throw new ArgumentException($"Cannot append a {source.Type} column to a {target.Type} column.", nameof(source));
        }
    }
}
