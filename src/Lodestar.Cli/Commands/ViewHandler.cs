using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Evaluates the view on each resource the reader accepts. A resource the view fails on (for instance several
/// values in a column not marked as a collection) is reported with its file and line and skipped, or stops the
/// run with --strict.
/// </summary>
internal sealed class ViewHandler(ViewDefinition view, IViewRowSink rows, bool strict, TextWriter error, bool parallel) : IFhirResourceHandler
{
    private const int MaxShown = 20;
    private readonly Lock gate = new();
    private long failures;

    public long Failures => Interlocked.Read(ref failures);

    public void OnResource(in FhirResource resource)
    {
        try
        {
            if (parallel)
            {
                // Rows are evaluated into a per-call buffer so only the writing is serialized.
                var buffer = new RowBuffer();
                view.Evaluate(resource.Json, buffer);
                lock (gate)
                {
                    buffer.WriteTo(rows);
                }
            }
            else
            {
                view.Evaluate(resource.Json, rows);
            }
        }
        catch (ViewDefinitionException e) when (!strict)
        {
            if (Interlocked.Increment(ref failures) <= MaxShown)
            {
                lock (gate)
                {
                    error.WriteLine($"{resource.Source.Path}:{resource.Line}: {e.Message}");
                }
            }
        }
    }
}
