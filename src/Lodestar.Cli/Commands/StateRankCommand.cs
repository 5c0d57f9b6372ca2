using System.CommandLine;
using System.Globalization;
using Lodestar.Mission.State;

namespace Lodestar.Cli.Commands;

internal static class StateRankCommand
{
    public static Command Create()
    {
        var state = new Option<string>("--state") { Description = "USPS code of the state to rank.", Required = true };
        var cause = new Option<string>("--cause") { Description = "NCHS cause name (e.g. \"All causes\", Diabetes, \"Heart disease\"); 'all' for every cause.", DefaultValueFactory = _ => "all" };

        var command = new Command("state-rank",
            "Rank a state among the 50 states and DC on age-adjusted death rates 1999–2017 (NCHS): level rank in the first and " +
            "last year (1 = lowest rate) and rate-of-progress rank (annual percent change; 1 = steepest fall).\n\n" +
            "Example:\n  lodestar state-rank --state NM --cause \"All causes\"")
        {
            state, cause,
        };
        command.SetAction(parse =>
        {
            var data = StateDeathRates.Default;
            var which = parse.GetValue(cause)!;
            var causes = which == "all" ? data.Causes : [which];
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"{"cause",-24} {"first",5} {"rate",7} {"rank",4}  {"last",5} {"rate",7} {"rank",4}  {"APC %/yr (95% CI)",-24} {"progress rank",13}");
            foreach (var c in causes)
            {
                var r = StateProgress.Rank(parse.GetValue(state)!, c, data);
                var (f, l) = (r.Levels[0], r.Levels[^1]);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c,-24} {f.Year,5} {f.Rate,7:F1} {f.Rank,4}  {l.Year,5} {l.Rate,7:F1} {l.Rank,4}  {$"{r.Apc:F2} ({r.ApcLower:F2} to {r.ApcUpper:F2})",-24} {$"{r.ProgressRank} of {r.StateCount}",13}"));
            }
            return 0;
        });
        return command;
    }
}
