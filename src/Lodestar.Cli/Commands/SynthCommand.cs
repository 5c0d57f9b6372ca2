using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lodestar.Diagnostics;
using Lodestar.Synth;
using Spectre.Console;

namespace Lodestar.Cli.Commands;

internal static class SynthCommand
{
    public static Command Create()
    {
        var state = new Option<string>("--state") { Description = "State to draw people from: MS, NM, MO or any USPS code (50 states and DC).", Required = true };
        var people = new Option<long>("--people") { Description = "Number of people alive on January 1 of the first year.", DefaultValueFactory = _ => 1000 };
        var years = new Option<string>("--years") { Description = "Years of history, first..last (e.g. 2021..2025).", DefaultValueFactory = _ => "2021..2025" };
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed and options give byte-identical output.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder (replaced atomically; must be new, empty or written by Lodestar).", Required = true };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file (YAML or JSON) with planted disparities; default: the shipped default scenario; 'none' for no effects." };
        var bundles = new Option<bool>("--bundles") { Description = "Also write one FHIR collection Bundle per patient under bundles/." };
        var asOf = new Option<string?>("--as-of") { Description = "Nothing is dated after this day (yyyy-MM-dd); default December 31 of the last year." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = one per core); never changes the output." };

        var command = new Command("synth",
            "Generate a synthetic population of a real state as FHIR R4 NDJSON (bulk-export layout), with clinical " +
            "histories, planted disparities and their ground truth (ground-truth.json).\n\n" +
            "Example:\n  lodestar synth --state MS --people 10000 --years 2021..2025 --seed 42 --out out/ms")
        {
            state, people, years, seed, output, scenario, bundles, asOf, threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (first, last) = ParseYears(parse.GetValue(years)!);
            var options = new SynthOptions(
                parse.GetValue(state)!,
                parse.GetValue(people),
                first,
                last,
                parse.GetValue(seed),
                LoadScenario(parse.GetValue(scenario)),
                ParseAsOf(parse.GetValue(asOf)),
                parse.GetValue(bundles),
                parse.GetValue(threads));
            SynthGenerator.Validate(options);
            var stdout = parse.InvocationConfiguration.Output;
            var stopwatch = Stopwatch.StartNew();
            var result = await Task.Run(() => RunWithProgress(options, parse.GetValue(output)!, parse.InvocationConfiguration.Error, cancellationToken), cancellationToken).ConfigureAwait(false);
            var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-6);
            var resources = result.Resources.Values.Sum();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {result.People:N0} people, {resources:N0} resources, {result.Bytes / 1e6:F1} MB to {result.OutputDirectory} " +
                $"in {seconds:F1} s ({result.People / seconds:N0} people/s, {result.Bytes / 1e6 / seconds:F1} MB/s, " +
                $"peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB)."));
            foreach (var (file, count) in result.Resources)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file,-26} {count,12:N0}"));
            }
            stdout.WriteLine("  ground-truth.json          planted effects and realised rates");
            return 0;
        });
        return command;
    }

    private static SynthResult RunWithProgress(SynthOptions options, string output, TextWriter error, CancellationToken cancellationToken)
    {
        // A live bar only on a real terminal; redirected or captured output gets the summary alone.
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            return SynthGenerator.Run(options, output, cancellationToken: cancellationToken);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SynthResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask($"synth {options.State}", maxValue: options.People);
                result = SynthGenerator.Run(options, output, new ProgressReporter(task), cancellationToken);
                task.Value = options.People;
            });
        return result!;
    }

    internal static (int First, int Last) ParseYears(string text)
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last)
        {
            return (first, last);
        }
        throw new UserErrorException($"--years {text}: write the range as first..last, e.g. 2021..2025.");
    }

    private static DateOnly? ParseAsOf(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new UserErrorException($"--as-of {text}: write the date as yyyy-MM-dd.");

    private static Scenario LoadScenario(string? path) => path switch
    {
        null => Scenario.Default,
        "none" => Scenario.None,
        _ when !File.Exists(path) => throw new UserErrorException($"--scenario {path}: no such file."),
        _ => Scenario.Load(path),
    };

    private sealed class ProgressReporter(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
