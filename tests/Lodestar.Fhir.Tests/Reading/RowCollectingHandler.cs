using System.Collections.Concurrent;
using System.Text;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Tests.Views.Streamed;
using Lodestar.Fhir.Views;

namespace Lodestar.Fhir.Tests.Reading;

/// <summary>
/// A row handler over the shipped views, as ingest is one: rows the reader computed in one pass, and rows evaluated here
/// on parsed resources, collected as text per file, line and view.
/// </summary>
internal sealed class RowCollectingHandler : IFhirRowHandler, IFhirDiagnosticSink
{
    private readonly ConcurrentQueue<string> rows = new();
    private readonly ConcurrentQueue<string> diagnostics = new();
    private long onePassRows;

    public IReadOnlyList<ViewDefinition> Views { get; } = LodestarViews.Names.Select(LodestarViews.Load).ToList();

    /// <summary>Reads the sources; everything comes back sorted, since files are read in parallel.</summary>
    public static (List<string> Rows, List<string> Diagnostics, List<string> Counts, long OnePassRows) Read(IReadOnlyList<FhirSource> sources, FhirReaderOptions options)
    {
        var handler = new RowCollectingHandler();
        var summary = new FhirReader(options).Read(sources, handler, handler);
        var counts = summary.Files.Select(f => $"{f.Source} {f.Records} {f.Accepted} {f.Rejected}")
            .Concat(summary.Types.Select(t => t.ToString())).Order(StringComparer.Ordinal).ToList();
        return ([.. handler.rows.Order(StringComparer.Ordinal)], [.. handler.diagnostics.Order(StringComparer.Ordinal)], counts, handler.onePassRows);
    }

    public void OnResource(in FhirResource resource)
    {
        for (var v = 0; v < Views.Count; v++)
        {
            if (!Views[v].AppliesTo(resource.ResourceType))
            {
                continue;
            }
            var text = new StringBuilder();
            try
            {
                Views[v].Evaluate(resource.Json, new Sink(text));
            }
            catch (ViewDefinitionException e)
            {
                text.Append("error: ").Append(e.Message);
            }
            rows.Enqueue($"{resource.Source.Path}:{resource.Line} {resource.ResourceType}/{resource.Id} {Views[v].Name} {text}");
        }
    }

    public void OnRow(in FhirResource resource, int view, ReadOnlySpan<ViewValue> row)
    {
        Interlocked.Increment(ref onePassRows);
        var text = new StringBuilder();
        OnePass.Write(text, row);
        rows.Enqueue($"{resource.Source.Path}:{resource.Line} {resource.ResourceType}/{resource.Id} {Views[view].Name} {text}");
    }

    public void OnDiagnostic(in FhirDiagnostic diagnostic)
    {
        var d = diagnostic.Diagnostic;
        diagnostics.Enqueue($"{d.Source}:{d.Line} {diagnostic.Kind} [{d.Field}] {d.Reason} | {diagnostic.Raw}");
    }

    private sealed class Sink(StringBuilder text) : IViewRowSink
    {
        public void OnRow(ReadOnlySpan<ViewValue> row) => OnePass.Write(text, row);
    }
}
