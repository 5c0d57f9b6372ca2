using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Measures on a ClickHouse cluster. Criteria run as SQL on the shards; what comes back is patient keys.
/// Stratifiers are computed by fetching one row per patient (the patient table) and the coverage rows, then
/// counting with the same <see cref="Stratifiers"/> code as the embedded engine: identical strata and labels
/// by construction, at the price of moving O(patients) rows to the client (see docs/scale-out.md for
/// pushing strata into SQL next). The result is an <see cref="EvaluationContext"/> and an evaluator that
/// plug into <see cref="MeasureEngine"/> and <see cref="CareGaps"/> unchanged.
/// </summary>
public sealed class ClickHouseMeasureExecutor
{
    private ClickHouseMeasureExecutor(EvaluationContext context, ICriterionEvaluator evaluator)
    {
        Context = context;
        Evaluator = evaluator;
    }

    public EvaluationContext Context { get; }

    public ICriterionEvaluator Evaluator { get; }

    public MeasureEngine Engine() => new(Context, Evaluator);

    public CareGaps CareGaps() => new(Evaluator);

    public static async Task<ClickHouseMeasureExecutor> OpenAsync(ClickHouseCluster cluster, MeasureCatalog catalog, IAreaDirectory? areas = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var schema = await ReadSchemaAsync(cluster, cancellationToken).ConfigureAwait(false);
        if (!schema.HasTable(S.Patient))
        {
            throw new ClickHouseException(cluster.Entry.Server, "no lodestar.patient table: load a workspace first ('lodestar ingest … --engine clickhouse')");
        }
        var tables = new List<Table> { await FetchAsync(cluster, schema, S.Patient, null, cancellationToken).ConfigureAwait(false) };
        if (schema.HasTable(S.Coverage))
        {
            tables.Add(await FetchAsync(cluster, schema, S.Coverage, [S.PatientKey, S.PayerType, S.PeriodStart, S.PeriodEnd], cancellationToken).ConfigureAwait(false));
        }
        var context = new EvaluationContext(Workspace.InMemory(tables), catalog, areas);
        var keys = context.Patients.Get<StringColumn>(S.PatientKey);
        var rows = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (var r = 0; r < keys.Count; r++)
        {
            if (keys[r] is { } k)
            {
                rows.TryAdd(k, r);
            }
        }
        return new ClickHouseMeasureExecutor(context, new ClickHouseEvaluator(cluster, new CriterionSql(catalog, schema), rows, keys.Count));
    }

    private static async Task<StoreSchema> ReadSchemaAsync(ClickHouseCluster cluster, CancellationToken cancellationToken)
    {
        // Every shard must be up (a down shard is named here, before any counting).
        foreach (var shard in cluster.Shards.Skip(1))
        {
            await shard.QueryAsync("SELECT 1", null, cancellationToken).ConfigureAwait(false);
        }
        var text = await cluster.Entry.QueryAsync(
            $"SELECT table, name, type FROM system.columns WHERE database = {SqlLiteral.String(ClickHouseSchema.Database)} " +
            "AND NOT endsWith(table, '_all') ORDER BY table, name FORMAT TabSeparated", null, cancellationToken).ConfigureAwait(false);
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (!tables.TryGetValue(f[0], out var columns))
            {
                tables[f[0]] = columns = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            ((Dictionary<string, string>)columns)[f[1]] = f[2];
        }
        return new StoreSchema(tables);
    }

    /// <summary>A table's workspace columns (not the loader's own), sorted by patient key so row order does not depend on shard timing.</summary>
    private static async Task<Table> FetchAsync(ClickHouseCluster cluster, StoreSchema schema, string table, IReadOnlyList<string>? only, CancellationToken cancellationToken)
    {
        var columns = schema.Tables[table]
            .Where(c => !c.Key.StartsWith('_') && (only is null || only.Contains(c.Key)))
            .Select(c => (Name: c.Key, Type: ClickHouseSchema.ColumnTypeOf(c.Value) ?? throw new ClickHouseException(cluster.Entry.Server, $"{table}.{c.Key} has unexpected type {c.Value}")))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var sql = $"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM {ClickHouseSchema.Distributed(table)} " +
            $"ORDER BY {S.PatientKey}{(columns.Any(c => c.Name == S.Id) ? ", " + S.Id : "")} FORMAT RowBinary";
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["skip_unavailable_shards"] = "0", ["wait_end_of_query"] = "1" };
        var body = await cluster.ReadAsync(cluster.Entry, sql, settings, cancellationToken).ConfigureAwait(false);
        return RowBinaryReader.Decode(table, columns, body);
    }
}
