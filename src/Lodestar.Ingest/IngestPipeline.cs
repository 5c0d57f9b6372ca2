using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Reads FHIR sources, runs every view over the resources of its type and writes one typed table per view into a
/// workspace folder. Files (and chunks of big files) are read in parallel; each worker fills its own builders and,
/// when all its builders pass its share of the memory budget, spills the largest as a run sorted by input position
/// into the folder's spill directory. At the end each view's runs are merged back into input order (file, line) and
/// streamed into its table file one row group at a time, so the tables are the same whatever the thread timing or
/// the budget, and memory does not grow with the input. The patient table gains a <c>county_fips</c> column resolved
/// from its address columns, group by group.
/// </summary>
public sealed class IngestPipeline
{
    /// <summary>
    /// Bytes of column builders held across all workers before they spill (the default keeps an ingest's peak
    /// resident memory near 1 GB on a 2-core machine; see docs/fhir.md). Final row groups are cut at a quarter of it: two
    /// views are written at once, each group is copied once as it is built and compressed, so the end of an ingest holds
    /// about the budget, as its reading does.
    /// </summary>
    public const long DefaultMemoryBudget = 512L << 20;

    /// <summary>The folder, inside the output folder, that holds spilled runs until their table is written.</summary>
    public const string SpillFolder = ".spill";

    private readonly IReadOnlyList<ViewDefinition> views;
    private readonly Task<CountyResolver>? resolver;
    private readonly long memoryBudget;

    /// <param name="views">The views to run; each becomes a table.</param>
    /// <param name="resolver">
    /// Gives the patient table its county. It may still be loading when the ingest starts (the registry takes about half a
    /// second): it is first needed when that table is written, after every file has been read.
    /// </param>
    /// <param name="memoryBudget">Bytes of column builders held across all workers before they spill.</param>
    public IngestPipeline(IReadOnlyList<ViewDefinition> views, Task<CountyResolver>? resolver = null, long memoryBudget = DefaultMemoryBudget)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBudget);
        var duplicate = views.GroupBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new Diagnostics.UserErrorException($"two views are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(v => v.Source))}); each table needs its own name");
        }
        this.views = views;
        this.resolver = resolver;
        this.memoryBudget = memoryBudget;
    }

    /// <summary>
    /// Ingests <paramref name="sources"/> and writes one table file per view into <paramref name="folder"/> (a staging
    /// folder the caller swaps in atomically; see <see cref="Workspace.TablePath"/>). The manifest is the caller's to write.
    /// </summary>
    public IngestResult Run(IReadOnlyList<FhirSource> sources, IFhirDiagnosticSink diagnostics, string folder, FhirReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= new FhirReaderOptions();
        var clock = Stopwatch.StartNew();
        var spillFolder = Path.Combine(folder, SpillFolder);
        Directory.CreateDirectory(spillFolder);
        var parallelism = Math.Max(1, options.MaxParallelism);
        var spills = views.Select(v => new ViewSpill(spillFolder, v.Name, ColumnTypes.Schema(v), parallelism)).ToArray();
        var byType = views.GroupBy(v => v.Resource, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var fileIndex = sources.Select((s, i) => (s.Path, i)).ToDictionary(x => x.Path, x => x.i, StringComparer.Ordinal);
        var workers = Enumerable.Range(0, parallelism).Select(_ => new WorkerState(views, memoryBudget / parallelism)).ToArray();
        var handler = new Handler(this, byType, fileIndex, workers, spills);
        var summary = new FhirReader(options).Read(sources, handler, diagnostics, cancellationToken);

        var tables = new TableSummary[views.Count];
        var counties = new CountyTally();
        var spilled = spills.Sum(s => s.SpilledRuns);
        // Each view's table is merged and written on its own, so the views are spread over the workers' threads: done
        // one after another this phase left a core idle. The biggest go first so no thread is left with one at the end.
        var largestFirst = Enumerable.Range(0, views.Count).OrderByDescending(v => workers.Sum(w => w.Held[v]) + spills[v].SpilledRuns * (memoryBudget / parallelism)).ToArray();
        try
        {
            Parallel.ForEach(
                Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                v =>
                {
                    var remainders = workers.Select((w, i) => ViewSpill.Remainder(i, w.Sinks[v])).ToList();
                    Func<Table, Table> transform = views[v].Name == PatientAddress.Table && resolver is not null
                        ? group => counties.Add(PatientAddress.AddCounty(group, resolver.GetAwaiter().GetResult()))
                        : group => group;
                    var rows = spills[v].WriteTable(Workspace.TablePath(folder, views[v].Name), remainders, memoryBudget / 4, transform);
                    tables[v] = new TableSummary(views[v].Name, checked((int)rows));
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // One failure (a full disk, say) surfaces as itself, as it did when the views were written in turn.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        Directory.Delete(spillFolder, recursive: true);
        return new IngestResult(tables, summary, counties.Summary, clock.Elapsed, spilled);
    }

    /// <summary>One worker's builders, one per view, and the bytes they hold.</summary>
    private sealed class WorkerState(IReadOnlyList<ViewDefinition> views, long budget)
    {
        public ViewTableSink[] Sinks { get; } = views.Select(v => new ViewTableSink(v)).ToArray();

        public long[] Held { get; } = new long[views.Count];

        public long Total { get; set; }

        public long Budget { get; } = budget;

        public FhirSource? LastSource { get; set; }

        public int LastFile { get; set; }
    }

    /// <summary>Sums the county resolution of the patient table's row groups.</summary>
    private sealed class CountyTally
    {
        public CountySummary Summary { get; private set; } = new(0, 0, 0, 0);

        public Table Add((Table Table, CountySummary Summary) group)
        {
            var (t, s) = group;
            Summary = new CountySummary(Summary.ByDistrict + s.ByDistrict, Summary.ByPostalCode + s.ByPostalCode,
                Summary.ByCoordinates + s.ByCoordinates, Summary.Unresolved + s.Unresolved);
            return t;
        }
    }

    private sealed class Handler(
        IngestPipeline owner,
        Dictionary<string, ViewDefinition[]> byType,
        Dictionary<string, int> fileIndex,
        WorkerState[] workers,
        ViewSpill[] spills) : IFhirRowHandler
    {
        private readonly Dictionary<ViewDefinition, int> viewIndex =
            owner.views.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);

        public IReadOnlyList<ViewDefinition> Views => owner.views;

        /// <summary>A row the reader computed in its one pass over the record: the same bookkeeping as a row evaluated here.</summary>
        public void OnRow(in FhirResource resource, int view, ReadOnlySpan<ViewValue> row)
        {
            var state = workers[resource.Worker];
            var sink = state.Sinks[view];
            sink.OnRow(row);
            sink.Keys.Add(Key(state, resource));
            // The estimate asks every column; every 64th row is often enough (a row is at most a few hundred bytes).
            if ((sink.Keys.Count & 63) != 0)
            {
                return;
            }
            var held = sink.EstimatedBytes;
            state.Total += held - state.Held[view];
            state.Held[view] = held;
            if (state.Total > state.Budget)
            {
                Spill(resource.Worker, state);
            }
        }

        public void OnResource(in FhirResource resource)
        {
            if (!byType.TryGetValue(resource.ResourceType, out var matching))
            {
                return;
            }
            // Calls with the same worker never overlap, so its builders need no locks.
            var state = workers[resource.Worker];
            var key = Key(state, resource);
            foreach (var view in matching)
            {
                var v = viewIndex[view];
                var sink = state.Sinks[v];
                var before = sink.Builder.RowCount;
                view.Evaluate(resource.Json, sink);
                var added = sink.Builder.RowCount - before;
                if (added == 0)
                {
                    continue;
                }
                for (; added > 0; added--)
                {
                    sink.Keys.Add(key);
                }
                var held = sink.EstimatedBytes;
                state.Total += held - state.Held[v];
                state.Held[v] = held;
            }
            if (state.Total > state.Budget)
            {
                Spill(resource.Worker, state);
            }
        }

        /// <summary>The resource's place in the input, (file index &lt;&lt; 40) | line; a worker reads a file a chunk at a time, so its last file is remembered.</summary>
        private long Key(WorkerState state, in FhirResource resource)
        {
            if (!ReferenceEquals(state.LastSource, resource.Source))
            {
                state.LastSource = resource.Source;
                state.LastFile = fileIndex[resource.Source.Path];
            }
            return ((long)state.LastFile << 40) | resource.Line;
        }

        /// <summary>Spills the worker's largest builders until it holds under half its budget (so it does not spill again at once).</summary>
        private void Spill(int worker, WorkerState state)
        {
            while (state.Total > state.Budget / 2)
            {
                var largest = 0;
                for (var v = 1; v < state.Held.Length; v++)
                {
                    largest = state.Held[v] > state.Held[largest] ? v : largest;
                }
                if (state.Held[largest] == 0)
                {
                    return;
                }
                spills[largest].Spill(worker, state.Sinks[largest]);
                state.Total -= state.Held[largest];
                state.Held[largest] = 0;
            }
        }
    }
}
