using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// How workspace tables look in ClickHouse. Each shard holds a local MergeTree table per workspace table,
/// partitioned by load batch (so a batch is replaced atomically by dropping its partition), and a
/// Distributed table <c>&lt;name&gt;_all</c> over the cluster for reading. Dates are Nullable(Int32)
/// <see cref="DateOnly.DayNumber"/> values: 18.16's Date turns days before 1970 into zero. The patient
/// table also carries the birth date's year and month·100+day, because age in completed years is calendar
/// arithmetic that day numbers alone do not give SQL.
/// </summary>
internal static class ClickHouseSchema
{
    public const string Database = "lodestar";
    public const string Cluster = "lodestar";
    public const string Batch = "_batch";
    public const string BirthYear = "_birth_y";
    public const string BirthMonthDay = "_birth_md";

    public static string Local(string table) => $"{Database}.{table}";

    public static string Distributed(string table) => $"{Database}.{table}_all";

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.String => "Nullable(String)",
        ColumnType.Int64 => "Nullable(Int64)",
        ColumnType.Double => "Nullable(Float64)",
        ColumnType.Bool => "Nullable(UInt8)",
        ColumnType.Date => "Nullable(Int32)",
        ColumnType.StringList => "Array(String)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ColumnType? ColumnTypeOf(string sqlType) => sqlType switch
    {
        "Nullable(String)" or "String" => ColumnType.String,
        "Nullable(Int64)" or "Int64" => ColumnType.Int64,
        "Nullable(Float64)" or "Float64" => ColumnType.Double,
        "Nullable(UInt8)" or "UInt8" => ColumnType.Bool,
        "Nullable(Int32)" or "Int32" => ColumnType.Date,
        "Array(String)" => ColumnType.StringList,
        _ => null,
    };

    /// <summary>Column names are identifiers from Lodestar's own views; refuse anything else rather than quote it.</summary>
    public static string Identifier(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException($"'{name}' is not a plain identifier", nameof(name));
        }
        return name;
    }

    public static IReadOnlyList<(string Name, string Type)> Columns(Table table)
    {
        var columns = table.Columns.Select(c => (Identifier(c.Name), SqlType(c.Type))).ToList();
        if (table.Name == S.Patient)
        {
            columns.Add((BirthYear, "Nullable(Int32)"));
            columns.Add((BirthMonthDay, "Nullable(Int32)"));
        }
        columns.Add((Batch, "String"));
        return columns;
    }

    public static string CreateLocal(Table table) =>
        $"CREATE TABLE IF NOT EXISTS {Local(Identifier(table.Name))} ({string.Join(", ", Columns(table).Select(c => $"{c.Name} {c.Type}"))}) " +
        $"ENGINE = MergeTree PARTITION BY {Batch} ORDER BY tuple()";

    /// <summary>Reading only: the loader routes rows to shards itself, so the Distributed table needs no sharding key.</summary>
    public static string CreateDistributed(string table) =>
        $"CREATE TABLE IF NOT EXISTS {Distributed(Identifier(table))} AS {Local(table)} ENGINE = Distributed({Cluster}, {Database}, {table})";
}
