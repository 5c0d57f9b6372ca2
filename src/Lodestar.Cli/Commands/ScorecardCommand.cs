using System.CommandLine;
using Lodestar.Mission;

namespace Lodestar.Cli.Commands;

internal static class ScorecardCommand
{
    public static Command Create()
    {
        var mission = new Option<string>("--mission") { Description = "Mission model (YAML), e.g. missions/ummc.yaml, or a shipped model id: ummc, unm-som, unm-hsc, wustl-som; see docs/missions.md.", Required = true };
        var inputs = new Option<string>("--inputs") { Description = "Folder of non-clinical CSV inputs (learners, workforce, studies, participants, prevalence, outreach).", Required = true };
        var clinical = new Option<string?>("--clinical") { Description = "results.csv written by `lodestar measure` or `lodestar demo`, for clinical:<id> measures." };
        var output = new Option<string>("--out") { Description = "Output folder (replaced atomically; must be new, empty or written by Lodestar).", Required = true };

        var command = new Command("scorecard",
            "Compute a mission scorecard: every goal of a mission model with its measures' latest value and 95% interval, " +
            "target, trend, status and largest equity gap, as scorecard.html (self-contained), scorecard.json and scorecard.csv.\n\n" +
            "Example:\n  lodestar synth-mission --state MS --seed 1 --out out/ms-mission\n" +
            "  lodestar scorecard --mission missions/ummc.yaml --inputs out/ms-mission --out out/ummc-scorecard")
        {
            mission, inputs, clinical, output,
        };
        command.SetAction(parse =>
        {
            var s = ScorecardRun.Run(parse.GetValue(mission)!, parse.GetValue(inputs)!, parse.GetValue(clinical), parse.GetValue(output)!);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Scorecard for {s.Institution}: {s.Measures} measures — {s.OnTrack} on track, {s.AtRisk} at risk, {s.OffTrack} off track, {s.NoData} no data" +
                $"{(s.RejectedRows > 0 ? $"; {s.RejectedRows} input rows rejected (see rejects/)" : "")}. Wrote {s.OutputDirectory}");
            return 0;
        });
        return command;
    }
}
