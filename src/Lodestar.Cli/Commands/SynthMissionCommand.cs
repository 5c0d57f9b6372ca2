using System.CommandLine;
using Lodestar.Mission.Synth;

namespace Lodestar.Cli.Commands;

internal static class SynthMissionCommand
{
    public static Command Create()
    {
        var state = new Option<string>("--state") { Description = "State whose counties and population to draw from (MS, NM, MO or any USPS code).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => 1 };
        var years = new Option<string>("--years") { Description = "Years of activity, first..last.", DefaultValueFactory = _ => "2016..2025" };
        var output = new Option<string>("--out") { Description = "Output folder (replaced atomically; must be new, empty or written by Lodestar).", Required = true };

        var command = new Command("synth-mission",
            "Generate synthetic non-clinical mission inputs for a state (learners and graduates, workforce, research studies " +
            "and participants, prevalence shares, outreach/telehealth/free-clinic activity) with planted effects in ground-truth.json.\n\n" +
            "Example:\n  lodestar synth-mission --state NM --seed 7 --out out/nm-mission")
        {
            state, seed, years, output,
        };
        command.SetAction(parse =>
        {
            var (first, last) = SynthCommand.ParseYears(parse.GetValue(years)!);
            var target = parse.GetValue(output)!;
            MissionSynth.Write(parse.GetValue(state)!, parse.GetValue(seed), target, first, last);
            parse.InvocationConfiguration.Output.WriteLine($"Wrote synthetic mission inputs for {parse.GetValue(state)!.ToUpperInvariant()} to {Path.GetFullPath(target)} (ground truth in ground-truth.json).");
            return 0;
        });
        return command;
    }
}
