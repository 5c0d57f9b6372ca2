using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Measures on a ClickHouse cluster. Counts — group and every stratum — are computed on the shards, one
/// statement per measure (<see cref="ClickHouseStratumCounter"/>), so a run that prints counts moves a few
/// hundred rows per measure, not one per patient. Member sets, care gaps and audits need patient rows: for
/// those the patient table (and coverage) is fetched once, on first use, and criteria return patient keys
/// (<see cref="ClickHouseEvaluator"/>). Either way the shared <see cref="MeasureEngine"/> and
/// <see cref="CareGaps"/> give the population semantics, so answers match the embedded engine.
/// </summary>
public sealed class ClickHouseMeasureExecutor
{
    private readonly Lazy<EvaluationContext> context;
    private readonly ClickHouseStratumCounter counter;

    private ClickHouseMeasureExecutor(Lazy<EvaluationContext> context, ICriterionEvaluator evaluator, ClickHouseStratumCounter counter, int patientCount, StatementSizing sizing)
    {
        this.context = context;
        this.counter = counter;
        Evaluator = evaluator;
        PatientCount = patientCount;
        Sizing = sizing;
    }

    /// <summary>How counting statements are split to fit the servers' per-query memory limit.</summary>
    internal StatementSizing Sizing { get; }

    /// <summary>How many times finer than <see cref="Sizing"/> the counting statements run after the servers refused some for memory.</summary>
    internal int Refinement => counter.Refinement;

    /// <summary>The patient table (and coverage) fetched from the cluster on first use: one row per patient, for member lists.</summary>
    public EvaluationContext Context => context.Value;

    /// <summary>Patients on the cluster, counted there when the executor opened.</summary>
    public int PatientCount { get; }

    public ICriterionEvaluator Evaluator { get; }

    public MeasureEngine Engine() => new(() => context.Value, Evaluator, counter);

    public CareGaps CareGaps() => new(Evaluator);

    /// <param name="notice">Told, in a sentence without identifiers, when the servers refuse a counting statement for memory and counting goes finer.</param>
    public static Task<ClickHouseMeasureExecutor> OpenAsync(ClickHouseCluster cluster, MeasureCatalog catalog, IAreaDirectory? areas = null, Action<string>? notice = null, CancellationToken cancellationToken = default) =>
        OpenAsync(cluster, catalog, areas, sizing: null, notice, cancellationToken);

    /// <summary>Opens with <paramref name="sizing"/> in place of the one read from the cluster (tests split statements at any size).</summary>
    internal static async Task<ClickHouseMeasureExecutor> OpenAsync(ClickHouseCluster cluster, MeasureCatalog catalog, IAreaDirectory? areas, StatementSizing? sizing, Action<string>? notice = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var schema = await ReadSchemaAsync(cluster, cancellationToken).ConfigureAwait(false);
        if (!schema.HasTable(S.Patient))
        {
            throw new ClickHouseException(cluster.Entry.Server, "no lodestar.patient table: load a workspace first ('lodestar ingest … --engine clickhouse')");
        }
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["skip_unavailable_shards"] = "0", ["wait_end_of_query"] = "1" };
        var count = RowBinaryReader.Strings(await cluster.ReadAsync(cluster.Entry,
            $"SELECT toString(count()) FROM {ClickHouseSchema.Distributed(S.Patient)} FORMAT RowBinary", settings, cancellationToken).ConfigureAwait(false));
        var patients = int.Parse(count[0], System.Globalization.CultureInfo.InvariantCulture);
        var payerValues = await PayerValuesAsync(cluster, schema, settings, cancellationToken).ConfigureAwait(false);
        sizing ??= await SizingAsync(cluster, patients, settings, cancellationToken).ConfigureAwait(false);
        var context = new Lazy<EvaluationContext>(() => FetchContextAsync(cluster, schema, catalog, areas, CancellationToken.None).GetAwaiter().GetResult());
        var sql = new CriterionSql(catalog, schema, payerValues);
        return new ClickHouseMeasureExecutor(context, new ClickHouseEvaluator(cluster, sql, context),
            new ClickHouseStratumCounter(cluster, new StratumCountSql(sql, schema, payerValues), areas, sizing, notice), patients, sizing);
    }

    /// <summary>
    /// The servers' per-query memory limit (0, no limit, if unreadable) against the patients per shard: shards hold
    /// near-equal shares of the patients (FNV-1a of the patient key), so the average stands for each.
    /// </summary>
    private static async Task<StatementSizing> SizingAsync(ClickHouseCluster cluster, int patients, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var limit = RowBinaryReader.Strings(await cluster.ReadAsync(cluster.Entry,
            "SELECT value FROM system.settings WHERE name = 'max_memory_usage' FORMAT RowBinary", settings, cancellationToken).ConfigureAwait(false));
        var bytes = limit.Count == 1 && long.TryParse(limit[0], System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return new StatementSizing((patients + cluster.Servers.Count - 1) / cluster.Servers.Count, bytes);
    }

    /// <summary>The cluster's distinct coverage payer values by the class <see cref="PayerTypes.Classify"/> gives them (unclassified ones left out).</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> PayerValuesAsync(
        ClickHouseCluster cluster, StoreSchema schema, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var classes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!schema.Has(S.Coverage, S.PayerType))
        {
            return classes;
        }
        var values = RowBinaryReader.Strings(await cluster.ReadAsync(cluster.Entry,
            $"SELECT DISTINCT assumeNotNull({S.PayerType}) FROM {ClickHouseSchema.Distributed(S.Coverage)} WHERE {S.PayerType} IS NOT NULL FORMAT RowBinary",
            settings, cancellationToken).ConfigureAwait(false));
        foreach (var group in values.Where(v => PayerTypes.Classify(v) is not null).GroupBy(v => PayerTypes.Classify(v)!, StringComparer.Ordinal))
        {
            classes[group.Key] = group.Order(StringComparer.Ordinal).ToList();
        }
        return classes;
    }

    private static async Task<EvaluationContext> FetchContextAsync(ClickHouseCluster cluster, StoreSchema schema, MeasureCatalog catalog, IAreaDirectory? areas, CancellationToken cancellationToken)
    {
        var tables = new List<Table> { await FetchAsync(cluster, schema, S.Patient, null, cancellationToken).ConfigureAwait(false) };
        if (schema.HasTable(S.Coverage))
        {
            tables.Add(await FetchAsync(cluster, schema, S.Coverage, [S.PatientKey, S.PayerType, S.PeriodStart, S.PeriodEnd], cancellationToken).ConfigureAwait(false));
        }
        return new EvaluationContext(Workspace.InMemory(tables), catalog, areas);
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
