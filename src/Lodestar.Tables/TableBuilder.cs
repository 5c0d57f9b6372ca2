namespace Lodestar.Tables;

/// <summary>Builds a <see cref="Table"/> from a fixed schema, one row at a time.</summary>
public sealed class TableBuilder
{
    /// <param name="name">The table's name.</param>
    /// <param name="schema">Its columns, in order.</param>
    /// <param name="staging">The table is re-interned before it is read (see <see cref="StringColumnBuilder(string, bool)"/>).</param>
    public TableBuilder(string name, IEnumerable<(string Name, ColumnType Type)> schema, bool staging = false)
    {
        Name = name;
        Columns = schema.Select(c => ColumnBuilder.For(c.Name, c.Type, staging)).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<ColumnBuilder> Columns { get; }

    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Count;

    public T Column<T>(int ordinal) where T : ColumnBuilder => (T)Columns[ordinal];

    public Table Build() => new(Name, Columns.Select(c => c.Build()).ToArray());
}
