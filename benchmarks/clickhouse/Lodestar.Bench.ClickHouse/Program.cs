using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lodestar.ClickHouse;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Tables;

// The phases benchmarks/clickhouse/run.sh times, one process per phase so each peak RSS is that phase's own:
//   load  <workspace> <urls> <batch>   workspace tables → cluster (RowBinary over HTTP, routed by patient)
//   eval  embedded <workspace> <out>   full catalog, 2025, every stratifier, on the embedded engine
//   eval  clickhouse <urls> <out>      the same on the cluster
// Each prints one "key=value" line; eval writes every group and stratum count to <out> so the script can
// check that the executors agree line for line.
var invariant = CultureInfo.InvariantCulture;
if (args.Length != 4 || (args[0], args[1]) is not (("load", _) or ("eval", "embedded" or "clickhouse")))
{
    Console.Error.WriteLine("usage: load <workspace> <urls> <batch> | eval embedded <workspace> <out> | eval clickhouse <urls> <out>");
    return 2;
}
var clock = Stopwatch.StartNew();
if (args[0] == "load")
{
    // Tables are read one at a time as the loader asks for them, so "open" is only connecting.
    using var cluster = await ClickHouseCluster.ConnectAsync(ClickHouseCluster.ParseServers(args[2]));
    var opened = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var loaded = await cluster.LoadWorkspaceAsync(args[1], args[3]);
    var seconds = clock.Elapsed.TotalSeconds;
    var rows = loaded.Values.Sum();
    Console.WriteLine(string.Create(invariant,
        $"phase=load shards={cluster.Servers.Count} patients={loaded["patient"]} rows={rows} open_s={opened:0.00} load_s={seconds:0.00} rows_per_s={rows / seconds:0} client_peak_rss_mb={PeakMb()}"));
    return 0;
}

var catalog = MeasureCatalog.Load();
// ClickHouse has no measure-observation SQL: continuous measures run on the embedded engine only.
var measures = catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
Period[] periods = [Period.Year(2025)];
IReadOnlyList<MeasureResult> results;
int patients;
double openSeconds;
string shards = "0";
if (args[1] == "embedded")
{
    // As the CLI opens it: without the events' own ids and keys, which no measure reads.
    var context = new EvaluationContext(Workspace.Open(args[2], ClinicalSchema.IsReadByMeasures), catalog);
    openSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    results = new MeasureEngine(context).Evaluate(measures, periods);
    patients = context.PatientCount;
}
else
{
    using var cluster = await ClickHouseCluster.ConnectAsync(ClickHouseCluster.ParseServers(args[2]));
    // Refusals for memory (and the finer buckets that follow) go to stderr, into the benchmark's log.
    var executor = await ClickHouseMeasureExecutor.OpenAsync(cluster, catalog, notice: Console.Error.WriteLine);
    openSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    results = executor.Engine().Evaluate(measures, periods);
    patients = executor.PatientCount;
    shards = cluster.Servers.Count.ToString(invariant);
}
var evalSeconds = clock.Elapsed.TotalSeconds;

var lines = new StringBuilder();
foreach (var r in results)
{
    lines.Append(invariant, $"{r.Measure.Id} {r.Period} group {Counts(r.Group)}\n");
    foreach (var s in r.Stratifiers)
    {
        foreach (var stratum in s.Strata)
        {
            lines.Append(invariant, $"{r.Measure.Id} {r.Period} {s.Id} {stratum.Stratum.Code} {Counts(stratum.Populations)}\n");
        }
    }
}
File.WriteAllText(args[3], lines.ToString());
Console.WriteLine(string.Create(invariant,
    $"phase=eval engine={args[1]} shards={shards} patients={patients} measures={results.Count} open_s={openSeconds:0.00} eval_s={evalSeconds:0.00} client_peak_rss_mb={PeakMb()}"));
return 0;

static string Counts(PopulationCounts c) =>
    string.Join(' ', c.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));

static long PeakMb()
{
    using var self = Process.GetCurrentProcess();
    return self.PeakWorkingSet64 >> 20;
}
