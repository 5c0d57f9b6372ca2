using System.Collections.Concurrent;
using System.Diagnostics;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Reads FHIR sources, runs every view over the resources of its type and builds one typed table per view.
/// Files are read in parallel; each file fills its own builders, and the pieces are joined in input order,
/// so the tables are the same whatever the thread timing. The patient table then gains a
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

    /// <summary>Resources handed to the views so far (for progress display).</summary>
    public long ResourcesSeen => Interlocked.Read(ref seen);

    private long seen;

    public IngestResult Run(IReadOnlyList<FhirSource> sources, IFhirDiagnosticSink diagnostics, FhirReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var clock = Stopwatch.StartNew();
        var byType = views.GroupBy(v => v.Resource, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var perFile = new ConcurrentDictionary<string, Dictionary<ViewDefinition, ViewTableSink>>(StringComparer.Ordinal);
        var handler = new Handler(this, byType, perFile);
        var summary = new FhirReader(options).Read(sources, handler, diagnostics, cancellationToken);
        var tables = new List<Table>(views.Count);
        foreach (var view in views)
        {
            var parts = sources
                .Select(s => perFile.TryGetValue(s.Path, out var sinks) && sinks.TryGetValue(view, out var sink) ? sink.Builder.Build() : null)
                .OfType<Table>()
                .ToList();
            tables.Add(TableConcat.Concat(view.Name, parts, ColumnTypes.Schema(view)));
        }
        var counties = new CountySummary(0, 0, 0, 0);
        var patientIndex = tables.FindIndex(t => t.Name == PatientAddress.Table);
        if (patientIndex >= 0 && resolver is not null)
        {
            (tables[patientIndex], counties) = PatientAddress.AddCounty(tables[patientIndex], resolver);
        }
        return new IngestResult(tables, summary, counties, clock.Elapsed);
    }

    private sealed class Handler(
        IngestPipeline owner,
        Dictionary<string, ViewDefinition[]> byType,
        ConcurrentDictionary<string, Dictionary<ViewDefinition, ViewTableSink>> perFile) : IFhirResourceHandler
    {
        public void OnResource(in FhirResource resource)
        {
            Interlocked.Increment(ref owner.seen);
            if (!byType.TryGetValue(resource.ResourceType, out var matching))
            {
                return;
            }
            // One file is read by one worker, in order, so its sinks need no locking.
            var sinks = perFile.GetOrAdd(resource.Source.Path, _ => []);
            foreach (var view in matching)
            {
                if (!sinks.TryGetValue(view, out var sink))
                {
                    sink = new ViewTableSink(view);
                    sinks[view] = sink;
                }
                view.Evaluate(resource.Json, sink);
            }
        }
    }
}
