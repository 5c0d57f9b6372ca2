using System.Globalization;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Ingest;
using Spectre.Console;

namespace Lodestar.Cli.Composition;

/// <summary>Ingest with Lodestar's shipped views, rejects written where the caller says, a live progress line on a terminal.</summary>
internal static class Ingestion
{
    public static IngestResult Run(IReadOnlyList<string> inputs, string rejectsPath, bool strict, CancellationToken cancellationToken, TextWriter? progress = null)
    {
        var sources = FhirSources.Discover(inputs);
        if (sources.Count == 0)
        {
            throw new Diagnostics.UserErrorException($"no FHIR files found in {string.Join(", ", inputs)} (looked for *.ndjson, *.ndjson.gz and *.json Bundles)");
        }
        var views = LodestarViews.Names.Select(LodestarViews.Load).ToList();
        var pipeline = new IngestPipeline(views, new CountyResolver());
        using var rejects = new RejectsFile(rejectsPath);
        var options = new FhirReaderOptions { Strict = strict };
        var result = ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected
            ? WithProgress(pipeline, sources, rejects, options, cancellationToken)
            : pipeline.Run(sources, rejects, options, cancellationToken);
        rejects.Commit();
        return result;
    }

    /// <summary>Resources/s live, and MB/s estimated from the share of resources seen (the byte total is known up front).</summary>
    private static IngestResult WithProgress(IngestPipeline pipeline, IReadOnlyList<FhirSource> sources, RejectsFile rejects, FhirReaderOptions options, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var bytes = sources.Sum(s => s.Length);
        IngestResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("ingest", maxValue: 1);
                task.IsIndeterminate = true;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var run = Task.Run(() => pipeline.Run(sources, rejects, options, cancellationToken), cancellationToken);
                while (!run.Wait(250, cancellationToken))
                {
                    var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"ingest {bytes / 1e6:F0} MB: {pipeline.ResourcesSeen:N0} resources ({pipeline.ResourcesSeen / seconds:N0}/s)");
                }
                result = run.Result;
                task.IsIndeterminate = false;
                task.Value = 1;
            });
        return result!;
    }
}
