namespace Lodestar.Tables;

/// <summary>Builds a <see cref="Table"/> from a fixed schema, one row at a time.</summary>
public sealed class TableBuilder
{
    public TableBuilder(string name, IEnumerable<(string Name, ColumnType Type)> schema)
    {
        Name = name;
        Columns = schema.Select(c => ColumnBuilder.For(c.Name, c.Type)).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<ColumnBuilder> Columns { get; }

    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Count;

    public T Column<T>(int ordinal) where T : ColumnBuilder => (T)Columns[ordinal];

    public Table Build() => new(Name, Columns.Select(c => c.Build()).ToArray());
}
