using System.CommandLine;
using System.Globalization;
using Lodestar.Cli.Composition;
using Lodestar.Diagnostics;
using Lodestar.IO;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Reports;
using Lodestar.Tables;

namespace Lodestar.Cli.Commands;

internal static class MeasureCommand
{
    public static Command Create()
    {
        var workspace = new Option<string?>("--workspace") { Description = "Workspace written by 'lodestar ingest' (embedded engine)." };
        var engine = MeasureBackend.EngineOption();
        var clickhouse = MeasureBackend.ClickHouseOption();
        var measures = new Option<string[]>("--measure") { Description = "Measure ids to run (repeatable); default: the whole catalog.", AllowMultipleArgumentsPerToken = true };
        var period = new Option<string>("--period") { Description = "Measurement period: a year (2025) or one period per year (2021..2025).", DefaultValueFactory = _ => "2025" };
        var stratify = new Option<string>("--stratify") { Description = $"Stratifiers, comma-separated: {string.Join(",", MeasureParser.KnownStratifiers)}.", DefaultValueFactory = _ => string.Join(",", MeasureParser.KnownStratifiers) };
        var definitions = new Option<string?>("--definitions") { Description = "Folder with measures/*.yaml and valuesets/*.yaml that extend or replace the shipped catalog." };
        var output = new Option<string>("--out") { Description = "Output folder (replaced as a whole when the run succeeds).", Required = true };
        var patients = new Option<bool>("--patients") { Description = "Also write care-gap lists (patient ids and reasons): patient-level data, written only when asked." };
        var audit = new Option<bool>("--audit") { Description = "Also write each patient's membership in every population, to reconcile with an EHR vendor's results." };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the intervals.", DefaultValueFactory = _ => 0.95 };
        var suppress = new Option<int>("--suppress-below") { Description = "Counts from 1 to this minus one are withheld, with complementary suppression.", DefaultValueFactory = _ => 11 };
        var command = new Command("measure",
            "Evaluate measures over a workspace, stratified, with intervals, comparisons with a reference group and " +
            "small-cell suppression; writes report.html, results.csv and measure-reports/*.json, and on request " +
            "care-gaps/*.csv and audit/*.csv.\n\n" +
            "Example:\n  lodestar measure --workspace ws --period 2021..2025 --stratify race,sex,payer --out results --patients\n" +
            "  lodestar measure --engine clickhouse --clickhouse http://127.0.0.1:8123,http://127.0.0.1:8124 --out results")
        {
            workspace, engine, clickhouse, measures, period, stratify, definitions, output, patients, audit, confidence, suppress,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var catalog = MeasureCatalog.Load(parse.GetValue(definitions));
            var named = parse.GetValue(measures) is { Length: > 0 };
            var wanted = named ? parse.GetValue(measures)!.Select(catalog.Get).ToList() : catalog.Measures.ToList();
            var stratifiers = ParseStratifiers(parse.GetValue(stratify)!);
            var periods = PeriodOption.Parse(parse.GetValue(period)!);
            var level = parse.GetValue(confidence);
            if (!(level is > 0.5 and < 1))
            {
                throw new UserErrorException($"--confidence {level} must be between 0.5 and 1 (e.g. 0.95)");
            }
            var threshold = parse.GetValue(suppress);
            if (threshold < 1)
            {
                throw new UserErrorException("--suppress-below must be at least 1 (1 turns suppression off)");
            }
            using var backend = MeasureBackend.Open(parse.GetValue(engine)!, parse.GetValue(clickhouse), parse.GetValue(workspace), catalog, parse.InvocationConfiguration.Error.WriteLine);
            wanted = backend.Supported(wanted, named, parse.InvocationConfiguration.Error.WriteLine).ToList();
            var results = backend.Engine.Evaluate(wanted, periods, stratifiers);
            var options = new AnalysisOptions { Confidence = level, SuppressionThreshold = threshold };
            var figures = results.Select(r => MeasureAnalysis.Analyse(r, options)).ToList();
            var target = parse.GetValue(output)!;
            using var staging = new AtomicDirectory(target);
            var report = new ReportContext("Care quality and equity", $"{backend.Title}, period {parse.GetValue(period)}",
                $"Computed by Lodestar from {backend.Description} ({backend.PatientCount:N0} patients).", DateTimeOffset.UtcNow);
            MeasureOutputs.Write(staging.StagingPath, figures, report);
            if (parse.GetValue(patients))
            {
                WriteCareGaps(staging.StagingPath, backend.Context, backend.CareGaps, results, periods.Count > 1);
            }
            if (parse.GetValue(audit))
            {
                WriteAudit(staging.StagingPath, backend.Context, results, periods.Count > 1);
            }
            staging.Commit();
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var f in figures)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Measure.Id,-44} {f.Period,-10} {(f.Group.Rate is { } r ? ScoreText.WithInterval(r, f.Measure.Scoring) : "suppressed"),-26} of {f.Group.Eligible?.ToString("N0", CultureInfo.InvariantCulture) ?? "suppressed"}"));
            }
            stdout.WriteLine($"Results in {Path.GetFullPath(target)}");
            return Task.FromResult(0);
        });
        return command;
    }

    internal static IReadOnlyList<string> ParseStratifiers(string text)
    {
        var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var id in ids.Where(i => !MeasureParser.KnownStratifiers.Contains(i)))
        {
            throw new UserErrorException($"--stratify: unknown stratifier '{id}'; the stratifiers are {string.Join(", ", MeasureParser.KnownStratifiers)}");
        }
        return ids;
    }

    private static string FileName(MeasureResult r, bool perPeriod) => perPeriod ? $"{r.Measure.Id}-{r.Period}.csv" : $"{r.Measure.Id}.csv";

    private static void WriteCareGaps(string folder, EvaluationContext context, CareGaps finder, IReadOnlyList<MeasureResult> results, bool perPeriod)
    {
        foreach (var r in results)
        {
            var gaps = finder.Find(r);
            AtomicFile.Write(Path.Combine(folder, "care-gaps", FileName(r, perPeriod)), stream =>
            {
                using var csv = new CsvWriter(stream);
                csv.WriteRow("patient_id", "measure_id", "period", "reason");
                foreach (var gap in gaps)
                {
                    csv.WriteRow(context.PatientId(gap.Patient), r.Measure.Id, r.Period.ToString(), gap.Reason);
                }
            });
        }
    }

    private static void WriteAudit(string folder, EvaluationContext context, IReadOnlyList<MeasureResult> results, bool perPeriod)
    {
        foreach (var r in results)
        {
            var m = r.Members;
            AtomicFile.Write(Path.Combine(folder, "audit", FileName(r, perPeriod)), stream =>
            {
                using var csv = new CsvWriter(stream);
                var codes = PopulationCodes.For(r.Measure.Scoring);
                csv.WriteRow(["patient_id", .. codes.Select(p => p.Replace('-', '_'))]);
                m[PopulationCodes.InitialPopulation].ForEach(p =>
                {
                    csv.WriteRow([context.PatientId(p), .. codes.Select(code => m[code][p] ? "1" : "0")]);
                });
            });
        }
    }
}
