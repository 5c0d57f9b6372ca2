namespace Lodestar.Tables;

/// <summary>A named set of equally long columns: one workspace table (patient, encounter, condition, …).</summary>
public sealed class Table
{
    private readonly Dictionary<string, Column> byName;

    public Table(string name, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Count;
        foreach (var column in columns)
        {
            if (column.Count != RowCount)
            {
                throw new ArgumentException($"Table {name}: column {column.Name} has {column.Count} rows, expected {RowCount}.", nameof(columns));
            }
        }
        byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<Column> Columns { get; }

    public int RowCount { get; }

    public bool Has(string column) => byName.ContainsKey(column);

    public Column this[string column] =>
        byName.TryGetValue(column, out var c) ? c : throw new KeyNotFoundException($"Table {Name} has no column {column}.");

    public T Get<T>(string column) where T : Column =>
        this[column] as T ?? throw new InvalidCastException($"Column {Name}.{column} is {this[column].Type}, not {typeof(T).Name}.");
}
