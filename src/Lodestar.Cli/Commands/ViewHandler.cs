using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;

namespace Lodestar.Cli.Commands;

/// <summary>
/// Evaluates the view on each resource the reader accepts. A resource the view fails on (for instance several
/// values in a column not marked as a collection) is reported with its file and line and skipped, or stops the
/// run with --strict.
/// </summary>
internal sealed class ViewHandler(ViewDefinition view, IViewRowSink rows, bool strict, TextWriter error) : IFhirResourceHandler
{
    private const int MaxShown = 20;

    public long Failures { get; private set; }

    public void OnResource(in FhirResource resource)
    {
        try
        {
            view.Evaluate(resource.Json, rows);
        }
        catch (ViewDefinitionException e) when (!strict)
        {
            Failures++;
            if (Failures <= MaxShown)
            {
                error.WriteLine($"{resource.Source.Path}:{resource.Line}: {e.Message}");
            }
        }
    }
}
