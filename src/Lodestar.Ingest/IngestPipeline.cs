using System.Diagnostics;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Reads FHIR sources, runs every view over the resources of its type and builds one typed table per view.
/// Files (and chunks of big files) are read in parallel; each worker fills its own builders, and the rows
/// are put back in input order (file, line) at the end, so the tables are the same whatever the thread timing. The patient table then gains a
/// <c>county_fips</c> column resolved from its address columns.
/// </summary>
public sealed class IngestPipeline
{
    private readonly IReadOnlyList<ViewDefinition> views;
    private readonly CountyResolver? resolver;

    public IngestPipeline(IReadOnlyList<ViewDefinition> views, CountyResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(views);
        var duplicate = views.GroupBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new Diagnostics.UserErrorException($"two views are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(v => v.Source))}); each table needs its own name");
        }
        this.views = views;
        this.resolver = resolver;
    }

    public IngestResult Run(IReadOnlyList<FhirSource> sources, IFhirDiagnosticSink diagnostics, FhirReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new FhirReaderOptions();
        var clock = Stopwatch.StartNew();
        var byType = views.GroupBy(v => v.Resource, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var fileIndex = sources.Select((s, i) => (s.Path, i)).ToDictionary(x => x.Path, x => x.i, StringComparer.Ordinal);
        var workers = Enumerable.Range(0, Math.Max(1, options.MaxParallelism)).Select(_ => new WorkerState(views)).ToArray();
        var handler = new Handler(this, byType, fileIndex, workers);
        var summary = new FhirReader(options).Read(sources, handler, diagnostics, cancellationToken);
        var tables = new List<Table>(views.Count);
        for (var v = 0; v < views.Count; v++)
        {
            var parts = workers.Select(w => w.Sinks[v].Builder.Build()).ToList();
            var keys = workers.SelectMany(w => w.Keys[v]).ToArray();
            var joined = TableConcat.Concat(views[v].Name, parts, ColumnTypes.Schema(views[v]));
            tables.Add(TableGather.Gather(joined, InputOrder(keys)));
        }
        var counties = new CountySummary(0, 0, 0, 0);
        var patientIndex = tables.FindIndex(t => t.Name == PatientAddress.Table);
        if (patientIndex >= 0 && resolver is not null)
        {
            (tables[patientIndex], counties) = PatientAddress.AddCounty(tables[patientIndex], resolver);
        }
        return new IngestResult(tables, summary, counties, clock.Elapsed);
    }

    /// <summary>
    /// The row order of the input (file, then line), whatever order the workers produced the rows in.
    /// Ties (several rows from one resource, or resources on one line of a Bundle) keep their worker order,
    /// which is their order within the resource, because one resource is always handled by one worker.
    /// </summary>
    private static int[] InputOrder(long[] keys)
    {
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return order;
    }

    /// <summary>One worker's builders, one per view, and each row's (file, line) key.</summary>
    private sealed class WorkerState(IReadOnlyList<ViewDefinition> views)
    {
        public ViewTableSink[] Sinks { get; } = views.Select(v => new ViewTableSink(v)).ToArray();

        public List<long>[] Keys { get; } = views.Select(_ => new List<long>()).ToArray();
    }

    private sealed class Handler(
        IngestPipeline owner,
        Dictionary<string, ViewDefinition[]> byType,
        Dictionary<string, int> fileIndex,
        WorkerState[] workers) : IFhirResourceHandler
    {
        private readonly Dictionary<ViewDefinition, int> viewIndex =
            owner.views.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);

        public void OnResource(in FhirResource resource)
        {
            if (!byType.TryGetValue(resource.ResourceType, out var matching))
            {
                return;
            }
            // Calls with the same worker never overlap, so its builders need no locks.
            var state = workers[resource.Worker];
            var key = ((long)fileIndex[resource.Source.Path] << 40) | resource.Line;
            foreach (var view in matching)
            {
                var v = viewIndex[view];
                var sink = state.Sinks[v];
                var before = sink.Builder.RowCount;
                view.Evaluate(resource.Json, sink);
                for (var added = sink.Builder.RowCount - before; added > 0; added--)
                {
                    state.Keys[v].Add(key);
                }
            }
        }
    }
}
