using System.CommandLine;
using Lodestar.Cli.Composition;
using Lodestar.Measures.Definitions;
using Lodestar.Mission;

namespace Lodestar.Cli.Commands;

internal static class ScorecardCommand
{
    public static Command Create()
    {
        var mission = new Option<string>("--mission") { Description = "Mission model (YAML), e.g. missions/ummc.yaml, or a shipped model id: ummc, unm-som, unm-hsc, wustl-som; see docs/missions.md.", Required = true };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace written by 'lodestar ingest': its clinical:<id> measures are evaluated there (embedded engine)." };
        var engine = MeasureBackend.EngineOption();
        var clickhouse = MeasureBackend.ClickHouseOption();
        // Not a folder inside the workspace: ingest replaces the workspace folder as a whole, which would delete them.
        var inputs = new Option<string>("--inputs") { Description = "Folder of non-clinical CSV inputs (learners, workforce, studies, participants, prevalence, outreach; docs/missions.md §4).", Required = true };
        var period = new Option<string>("--period") { Description = "Years the clinical measures are evaluated for, one period each (the trend needs three or more).", DefaultValueFactory = _ => "2021..2025" };
        var definitions = new Option<string?>("--definitions") { Description = "Folder with measures/*.yaml and valuesets/*.yaml that extend the shipped catalog, for clinical:<id> measures of your own." };
        var output = new Option<string>("--out") { Description = "Output folder (replaced atomically; must be new, empty or written by Lodestar).", Required = true };

        var command = new Command("scorecard",
            "Compute a mission scorecard: every goal of a mission model with its measures' latest value and 95% interval, " +
            "target, trend, status and largest equity gap, as scorecard.html (self-contained), scorecard.json and scorecard.csv. " +
            "Clinical measures are evaluated on the workspace for each year of --period; the other measures come from --inputs.\n\n" +
            "Example:\n  lodestar synth-mission --state MS --seed 1 --out out/ms-mission\n" +
            "  lodestar scorecard --mission missions/ummc.yaml --workspace ws --inputs out/ms-mission --out out/ummc-scorecard")
        {
            mission, workspace, engine, clickhouse, inputs, period, definitions, output,
        };
        command.SetAction(parse =>
        {
            var years = PeriodOption.Parse(parse.GetValue(period)!).Select(p => p.Start.Year).ToList();
            var catalog = MeasureCatalog.Load(parse.GetValue(definitions));
            using var backend = MeasureBackend.Open(parse.GetValue(engine)!, parse.GetValue(clickhouse), parse.GetValue(workspace), catalog, parse.InvocationConfiguration.Error.WriteLine);
            var clinical = new ClinicalSource(backend.Engine, catalog, years,
                $"{backend.Description}, {years[0]}{(years.Count > 1 ? $"–{years[^1]}" : "")}");
            var s = ScorecardRun.Run(parse.GetValue(mission)!, parse.GetValue(inputs)!, clinical, parse.GetValue(output)!);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Scorecard for {s.Institution}: {s.Measures} measures — {s.OnTrack} on track, {s.AtRisk} at risk, {s.OffTrack} off track, {s.NoData} no data" +
                $"{(s.RejectedRows > 0 ? $"; {s.RejectedRows} input rows rejected (see rejects/)" : "")}. Wrote {s.OutputDirectory}");
            return 0;
        });
        return command;
    }
}
