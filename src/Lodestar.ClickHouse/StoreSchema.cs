namespace Lodestar.ClickHouse;

/// <summary>
/// The workspace tables present on the cluster and their columns, read from system.columns. The embedded
/// engine treats a missing optional table (no immunizations in this export) as "nobody", and skips tests
/// on optional columns (verification status, status); the SQL generator asks this to do the same.
/// </summary>
internal sealed record StoreSchema(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tables)
{
    public bool HasTable(string table) => Tables.ContainsKey(table);

    public bool Has(string table, string column) => Tables.TryGetValue(table, out var c) && c.ContainsKey(column);
}
