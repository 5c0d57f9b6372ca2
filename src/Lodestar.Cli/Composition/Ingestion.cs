using System.Globalization;
using Lodestar.Fhir.Reading;
using Lodestar.Fhir.Views;
using Lodestar.Geography;
using Lodestar.Ingest;
using Spectre.Console;

namespace Lodestar.Cli.Composition;

/// <summary>
/// Ingest with Lodestar's shipped views into a workspace folder the caller swaps in atomically (tables and
/// rejects.ndjson; the manifest is the caller's), with a live progress line on a terminal.
/// </summary>
internal static class Ingestion
{
    public static IngestResult Run(IReadOnlyList<string> inputs, string folder, bool strict, CancellationToken cancellationToken, TextWriter? progress = null,
        long memoryBudget = IngestPipeline.DefaultMemoryBudget)
    {
        var sources = FhirSources.Discover(inputs);
        if (sources.Count == 0)
        {
            throw new Diagnostics.UserErrorException($"no FHIR files found in {string.Join(", ", inputs)} (looked for *.ndjson, *.ndjson.gz and *.json Bundles)");
        }
        var views = LodestarViews.Names.Select(LodestarViews.Load).ToList();
        // Loaded while the files are read, which is long before the patient table needs it.
        var pipeline = new IngestPipeline(views, Task.Run(() => new CountyResolver()), memoryBudget);
        Directory.CreateDirectory(folder);
        using var rejects = new RejectsFile(Path.Combine(folder, "rejects.ndjson"), sources: sources);
        var options = new FhirReaderOptions { Strict = strict };
        var result = ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected
            ? WithProgress(pipeline, sources, rejects, folder, options, cancellationToken)
            : pipeline.Run(sources, rejects, folder, options, cancellationToken);
        rejects.Commit();
        return result;
    }

    /// <summary>A live bar over the bytes of all inputs, with MB/s and resources/s.</summary>
    private static IngestResult WithProgress(IngestPipeline pipeline, IReadOnlyList<FhirSource> sources, RejectsFile rejects, string folder, FhirReaderOptions options, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var total = Math.Max(1, sources.Sum(s => s.Length));
        var progress = new FhirReadProgress();
        options = options with { Progress = progress };
        IngestResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("ingest", maxValue: total);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var run = Task.Run(() => pipeline.Run(sources, rejects, folder, options, cancellationToken), cancellationToken);
                while (!run.Wait(250, cancellationToken))
                {
                    var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                    task.Value = Math.Min(progress.Bytes, total);
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"ingest {progress.Bytes / 1e6 / seconds,6:F1} MB/s {progress.Accepted / seconds,9:N0} resources/s");
                }
                result = run.Result;
                task.Value = total;
            });
        return result!;
    }
}
