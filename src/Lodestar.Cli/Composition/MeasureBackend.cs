using System.CommandLine;
using Lodestar.ClickHouse;
using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Tables;

namespace Lodestar.Cli.Composition;

/// <summary>
/// The one place the measure executor is chosen: the embedded engine over a workspace folder, or a
/// ClickHouse cluster (<c>--engine clickhouse --clickhouse http://a:8123,http://b:8123</c>). Either way the
/// caller gets an evaluation context, an engine and a care-gap finder with the same meaning.
/// </summary>
internal sealed class MeasureBackend : IDisposable
{
    public const string Embedded = "embedded";
    public const string ClickHouseEngine = "clickhouse";

    private readonly ClickHouseCluster? cluster;

    private readonly Lazy<EvaluationContext> context;

    private MeasureBackend(Func<EvaluationContext> context, int patientCount, MeasureEngine engine, CareGaps careGaps, string title, string description, ClickHouseCluster? cluster)
    {
        this.context = new Lazy<EvaluationContext>(context);
        PatientCount = patientCount;
        Engine = engine;
        CareGaps = careGaps;
        Title = title;
        Description = description;
        this.cluster = cluster;
    }

    /// <summary>One row per patient, for care-gap and audit lists; on ClickHouse fetched from the cluster on first use.</summary>
    public EvaluationContext Context => context.Value;

    public int PatientCount { get; }

    public MeasureEngine Engine { get; }

    public CareGaps CareGaps { get; }

    /// <summary>Where the data came from, for the report's subtitle ("Workspace ws").</summary>
    public string Title { get; }

    /// <summary>Where the data came from, for the report's provenance line ("the workspace at ws").</summary>
    public string Description { get; }

    public static Option<string> EngineOption() => new("--engine")
    {
        Description = "Where measures run: 'embedded' (this process, over --workspace) or 'clickhouse' (a cluster given by --clickhouse).",
        DefaultValueFactory = _ => Embedded,
    };

    public static Option<string?> ClickHouseOption() => new("--clickhouse")
    {
        Description = "ClickHouse shards' HTTP addresses, comma-separated, in the cluster's shard order (e.g. http://127.0.0.1:8123,http://127.0.0.1:8124). " +
            $"Credentials come from {ClickHouseCredentials.UserVariable} and {ClickHouseCredentials.PasswordVariable} (or {ClickHouseCredentials.PasswordFileVariable}), never from the address.",
    };

    /// <summary>The cluster named by the options, or null for the embedded engine.</summary>
    public static IReadOnlyList<Uri>? Servers(string engine, string? clickhouse) => engine switch
    {
        Embedded when clickhouse is null => null,
        Embedded => throw new UserErrorException("--clickhouse is only used with --engine clickhouse"),
        ClickHouseEngine => ClickHouseCluster.ParseServers(clickhouse ?? throw new UserErrorException("--engine clickhouse needs --clickhouse http://host:8123[,…]")),
        _ => throw new UserErrorException($"--engine '{engine}': use '{Embedded}' or '{ClickHouseEngine}'"),
    };

    /// <param name="notice">Where the ClickHouse executor says it had to count in finer buckets than it estimated.</param>
    public static MeasureBackend Open(string engine, string? clickhouse, string? workspace, MeasureCatalog catalog, Action<string> notice)
    {
        if (Servers(engine, clickhouse) is not { } servers)
        {
            var ws = Workspace.Open(workspace ?? throw new UserErrorException("--workspace is required with the embedded engine"), ClinicalSchema.IsReadByMeasures);
            var context = new EvaluationContext(ws, catalog, GeographyAreas.Default);
            return new MeasureBackend(() => context, context.PatientCount, new MeasureEngine(context), new CareGaps(context), $"Workspace {ws.Path}", $"the workspace at {ws.Path}", null);
        }
        if (workspace is not null)
        {
            throw new UserErrorException("--workspace is not used with --engine clickhouse: the data is in the cluster");
        }
        var cluster = ClickHouseCluster.ConnectAsync(servers).GetAwaiter().GetResult();
        try
        {
            var executor = ClickHouseMeasureExecutor.OpenAsync(cluster, catalog, GeographyAreas.Default, notice).GetAwaiter().GetResult();
            return new MeasureBackend(() => executor.Context, executor.PatientCount, executor.Engine(), executor.CareGaps(),
                $"ClickHouse {string.Join(",", servers)}", $"the ClickHouse cluster at {string.Join(", ", servers)}", cluster);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads a workspace's tables into the cluster as one batch; the same batch id again replaces it. Tables are read
    /// and loaded one at a time, so the load holds one table, not the workspace.
    /// </summary>
    public static void Load(IReadOnlyList<Uri> servers, string workspace, IEnumerable<string> tables, string batch)
    {
        using var cluster = ClickHouseCluster.ConnectAsync(servers).GetAwaiter().GetResult();
        foreach (var table in tables)
        {
            cluster.LoadAsync([Workspace.ReadTable(workspace, table)], batch).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The measures this back end can evaluate. ClickHouse has no measure-observation SQL, so a continuous measure
    /// asked for by name is a user error there, and one that only came with the whole catalog is left out and
    /// reported through <paramref name="skipped"/>.
    /// </summary>
    public IReadOnlyList<MeasureDefinition> Supported(IReadOnlyList<MeasureDefinition> measures, bool named, Action<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(skipped);
        if (cluster is null)
        {
            return measures;
        }
        var continuous = measures.Where(m => m.Scoring == Scoring.Continuous).Select(m => m.Id).ToList();
        if (continuous.Count == 0)
        {
            return measures;
        }
        if (named)
        {
            throw new UserErrorException($"--measure {string.Join(", ", continuous)}: continuous measures are not supported on {ClickHouseEngine}; run them with --engine {Embedded}");
        }
        skipped($"Not evaluated on {ClickHouseEngine} (continuous measures are not supported there; use --engine {Embedded}): {string.Join(", ", continuous)}");
        return measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
    }

    public void Dispose() => cluster?.Dispose();
}
