using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lodestar.Cli.Composition;
using Lodestar.Diagnostics;
using Lodestar.IO;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Reports;
using Lodestar.Synth;
using Lodestar.Tables;
using Spectre.Console;

namespace Lodestar.Cli.Commands;

/// <summary>
/// The whole pipeline on the embedded default: synthesise a real state's population as FHIR, ingest it,
/// evaluate the measure catalog stratified every way, and write the report, CSV and MeasureReports.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var state = new Option<string>("--state") { Description = "State to synthesise: MS (UMMC), NM (UNM), MO (WashU) or any USPS code.", DefaultValueFactory = _ => "MS" };
        var people = new Option<long>("--people") { Description = "Number of synthetic people.", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives the same data and results.", DefaultValueFactory = _ => 20261121 };
        var output = new Option<string>("--out") { Description = "Output folder (replaced as a whole when the run succeeds).", DefaultValueFactory = _ => "lodestar-out" };
        var command = new Command("demo",
            "Run the whole pipeline on a synthetic population of a real state: synthesise FHIR R4 data, ingest it, " +
            "evaluate the measure catalog stratified by race, ethnicity, sex, age, payer, language, county and rurality, " +
            "and write report.html, results.csv and FHIR MeasureReports.\n\n" +
            "Example:\n  lodestar demo --state NM --people 5000 --out nm-demo")
        {
            state, people, seed, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new DemoOptions(parse.GetValue(state)!, parse.GetValue(people), parse.GetValue(seed), parse.GetValue(output)!);
            var summary = Run(options, parse.InvocationConfiguration.Error, cancellationToken);
            Print(summary, parse.InvocationConfiguration.Output);
            return Task.FromResult(0);
        });
        return command;
    }

    internal sealed record DemoOptions(string State, long People, ulong Seed, string Output, int LastYear = 2025);

    internal sealed record DemoSummary(string Output, IReadOnlyList<MeasureFigures> Figures, IReadOnlyList<(string Step, TimeSpan Took)> Steps, long Resources, long Rejected,
        Mission.ScorecardSummary? Scorecard = null);

    internal static DemoSummary Run(DemoOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (options.People < 1)
        {
            throw new UserErrorException($"--people must be at least 1 (got {options.People})");
        }
        var steps = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Step(string name)
        {
            steps.Add((name, clock.Elapsed));
            clock.Restart();
        }
        var synthOptions = new SynthOptions(options.State, options.People, options.LastYear - 4, options.LastYear, options.Seed, Scenario.Default);
        var usState = SynthGenerator.Validate(synthOptions);
        using var staging = new AtomicDirectory(options.Output);
        var fhir = Path.Combine(staging.StagingPath, "fhir");
        log.WriteLine($"Synthesising {options.People:N0} people in {usState.Name} ({options.LastYear - 4}–{options.LastYear}) …");
        var synth = SynthGenerator.Run(synthOptions, fhir, cancellationToken: cancellationToken);
        Step("synthesise FHIR");

        log.WriteLine($"Ingesting {synth.Bytes / 1e6:F0} MB of FHIR NDJSON …");
        var workspaceFolder = Path.Combine(staging.StagingPath, "workspace");
        // The NDJSON files only: ground-truth.json beside them is the answer key, not FHIR.
        var ndjson = Directory.GetFiles(fhir, "*.ndjson").Order(StringComparer.Ordinal).ToList();
        var ingest = Ingestion.Run(ndjson, workspaceFolder, strict: false, cancellationToken, log);
        // The FHIR files are read inside the staging folder; the manifest names them where they will be.
        var manifest = ingest.Manifest(DateTimeOffset.UtcNow);
        Workspace.WriteManifest(workspaceFolder, manifest with { Files = manifest.Files.Select(f => f with { File = staging.FinalPath(f.File) }).ToList() });
        var workspace = Workspace.Open(workspaceFolder);
        Step("ingest");

        log.WriteLine("Evaluating measures …");
        var catalog = MeasureCatalog.Load();
        var context = new EvaluationContext(workspace, catalog, GeographyAreas.Default);
        var engine = new MeasureEngine(context);
        var results = engine.Evaluate(catalog.Measures, [Period.Year(options.LastYear)]);
        Step("evaluate measures");

        var figures = results.Select(r => MeasureAnalysis.Analyse(r)).ToList();
        var report = new ReportContext(
            $"Care quality and equity — {usState.Name}",
            $"Synthetic population of {options.People:N0} people, measurement period {options.LastYear}",
            $"The patients in this demonstration are synthetic: generated by Lodestar from the real population of {usState.Name}'s counties " +
            "(Census 2020 and Vintage 2023 estimates, CDC/ATSDR SVI 2022 race and ethnicity shares), with known disparities planted on purpose " +
            "(see fhir/ground-truth.json). No real person's data is in it.",
            DateTimeOffset.UtcNow);
        MeasureOutputs.Write(staging.StagingPath, figures, report);
        Step("statistics and reports");

        // The mission scorecard of the state's founding institution, where one ships (MS, NM, MO).
        Mission.ScorecardSummary? scorecard = null;
        if (usState.Abbreviation is "MS" or "NM" or "MO")
        {
            log.WriteLine("Scoring the mission …");
            // Clinical goals over every synthesised year, so they have a trend as well as a latest value.
            var years = Enumerable.Range(options.LastYear - 4, 5).ToList();
            var clinical = new Mission.ClinicalSource(engine, catalog, years, $"the demo's workspace, {years[0]}–{years[^1]}");
            scorecard = Mission.ScorecardRun.RunDemo(usState.Abbreviation, options.Seed, Path.Combine(staging.StagingPath, "mission-inputs"),
                clinical, Path.Combine(staging.StagingPath, "scorecard"));
            Step("mission scorecard");
        }
        staging.Commit();
        return new DemoSummary(Path.GetFullPath(options.Output), figures, steps, ingest.Read.Accepted, ingest.Read.Rejected, scorecard);
    }

    private static void Print(DemoSummary summary, TextWriter output)
    {
        var console = Consoles.For(output);
        var table = new Spectre.Console.Table().Title("Measures, all patients").AddColumns("Measure", "Eligible", "Numerator", "Rate (95% CI)", "Better is", "Groups worse than reference");
        foreach (var f in summary.Figures)
        {
            var worse = f.Stratifiers.Sum(s => s.Strata.Count(x => x.VersusReference?.Class == Equity.AhrqClass.Worse));
            table.AddRow(
                Markup.Escape(f.Measure.Title),
                f.Group.Eligible is { } eligible ? eligible.ToString("N0", CultureInfo.InvariantCulture) : "suppressed",
                // A continuous measure has no numerator: its column shows the number of observations.
                Count(f.Group.Populations.TryGetValue(PopulationCodes.Numerator, out var numerator) ? numerator : f.Group.Populations[PopulationCodes.MeasureObservation]),
                f.Group.Rate is { } r ? ScoreText.WithInterval(r, f.Measure.Scoring) : "suppressed",
                f.Measure.LowerIsBetter ? "lower" : "higher",
                worse.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.Resources:N0} FHIR resources ingested, {summary.Rejected:N0} rejected."));
        foreach (var (step, took) in summary.Steps)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step,-24} {took.TotalSeconds,6:F1} s"));
        }
        console.WriteLine($"Report:          {Path.Combine(summary.Output, MeasureOutputs.Html)}");
        console.WriteLine($"Results (CSV):   {Path.Combine(summary.Output, MeasureOutputs.Csv)}");
        console.WriteLine($"MeasureReports:  {Path.Combine(summary.Output, MeasureOutputs.MeasureReports)}/");
        console.WriteLine($"Workspace:       {Path.Combine(summary.Output, "workspace")}/ (FHIR input in fhir/)");
        if (summary.Scorecard is { } card)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Mission scorecard ({card.Institution}): {card.OnTrack} on track, {card.AtRisk} at risk, {card.OffTrack} off track, {card.NoData} no data — {Path.Combine(summary.Output, "scorecard", "scorecard.html")}"));
        }
    }

    private static string Count(Published p) => p.Shown is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "suppressed";
}
