namespace Lodestar.Tables;

/// <summary>
/// Joins a table file's row groups into one <see cref="Table"/>. Strings are re-interned in first-use order over the
/// rows, so the dictionary is the one a single pass over all rows would build, whatever the groups' own dictionaries.
/// Each column's parts are dropped once it is joined, so the peak is the table plus one column's parts.
/// </summary>
internal static class RowGroupConcat
{
    public static Table Concat(string name, IReadOnlyList<(string Name, ColumnType Type)> schema, List<Column[]> groups)
    {
        if (groups.Count == 1)
        {
            return new Table(name, groups[0]);
        }
        var columns = new Column[schema.Count];
        for (var c = 0; c < schema.Count; c++)
        {
            var parts = new Column[groups.Count];
            for (var g = 0; g < groups.Count; g++)
            {
                parts[g] = groups[g][c];
                groups[g][c] = null!;
            }
            columns[c] = schema[c].Type switch
            {
                ColumnType.String => Strings(schema[c].Name, parts),
                ColumnType.StringList => Lists(schema[c].Name, parts),
                ColumnType.Int64 => Fixed(parts, (Int64Column p) => (p.Values, p.Validity), (v, valid) => new Int64Column(schema[c].Name, v, valid)),
                ColumnType.Double => Fixed(parts, (DoubleColumn p) => (p.Values, p.Validity), (v, valid) => new DoubleColumn(schema[c].Name, v, valid)),
                ColumnType.Bool => Fixed(parts, (BoolColumn p) => (p.Values, p.Validity), (v, valid) => new BoolColumn(schema[c].Name, v, valid)),
                ColumnType.Date => Fixed(parts, (DateColumn p) => (p.Days, p.Validity), (v, valid) => new DateColumn(schema[c].Name, v, valid)),
                _ => throw new NotSupportedException(schema[c].Type.ToString()),
            };
        }
        return new Table(name, columns);
    }

    internal static StringColumn Strings(string name, Column[] parts)
    {
        var codes = new int[parts.Sum(p => p.Count)];
        var interner = new Utf8Interner();
        var at = 0;
        foreach (StringColumn part in parts)
        {
            var map = Utf8Interner.NewMap(part.Distinct);
            foreach (var code in part.Codes)
            {
                codes[at++] = interner.Remap(part.Distinct, map, code);
            }
        }
        return new StringColumn(name, codes, interner.ToDictionary());
    }

    internal static StringListColumn Lists(string name, Column[] parts)
    {
        var rows = parts.Sum(p => p.Count);
        var offsets = new int[rows + 1];
        var values = new int[parts.Sum(p => ((StringListColumn)p).Values.Length)];
        var interner = new Utf8Interner();
        var row = 0;
        foreach (StringListColumn part in parts)
        {
            var map = Utf8Interner.NewMap(part.Distinct);
            var start = offsets[row];
            for (var r = 0; r < part.Count; r++)
            {
                offsets[row + r + 1] = start + part.Offsets[r + 1];
            }
            for (var i = 0; i < part.Values.Length; i++)
            {
                values[start + i] = interner.Remap(part.Distinct, map, part.Values[i]);
            }
            row += part.Count;
        }
        return new StringListColumn(name, offsets, values, interner.ToDictionary());
    }

    private static Column Fixed<TColumn, T>(Column[] parts, Func<TColumn, (T[] Values, Validity? Validity)> open, Func<T[], Validity?, Column> create)
        where TColumn : Column where T : struct
    {
        var values = new T[parts.Sum(p => p.Count)];
        var anyNull = parts.Any(p => open((TColumn)p).Validity is not null);
        var validity = anyNull ? new Validity(values.Length) : null;
        var at = 0;
        foreach (TColumn part in parts)
        {
            var (v, valid) = open(part);
            v.CopyTo(values, at);
            if (validity is not null)
            {
                for (var r = 0; r < v.Length; r++)
                {
                    if (valid is null || valid[r])
                    {
                        validity.Set(at + r);
                    }
                }
            }
            at += v.Length;
        }
        return create(values, validity);
    }
}
