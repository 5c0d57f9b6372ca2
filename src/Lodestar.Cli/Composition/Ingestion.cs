using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Ingest;

namespace Lodestar.Cli.Composition;

/// <summary>Ingest with Lodestar's shipped views, rejects written beside the output.</summary>
internal static class Ingestion
{
    public static IngestResult Run(IReadOnlyList<string> inputs, string rejectsPath, bool strict, CancellationToken cancellationToken)
    {
        var sources = FhirSources.Discover(inputs);
        if (sources.Count == 0)
        {
            throw new Diagnostics.UserErrorException($"no FHIR files found in {string.Join(", ", inputs)} (looked for *.ndjson, *.ndjson.gz and *.json Bundles)");
        }
        var views = LodestarViews.Names.Select(LodestarViews.Load).ToList();
        var pipeline = new IngestPipeline(views, new CountyResolver());
        using var rejects = new RejectsFile(rejectsPath);
        var result = pipeline.Run(sources, rejects, new FhirReaderOptions { Strict = strict }, cancellationToken);
        rejects.Commit();
        return result;
    }
}
