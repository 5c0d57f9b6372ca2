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
        var chr = new Option<string?>("--chr")
        {
            Description = "Folder with the County Health Rankings 2022 national CSVs (chr2022_additional_measures.csv, chr2022_ranked_measures.csv): " +
                "also rank the state on equity between race/ethnicity groups. Not shipped: CHR data is not public domain.",
        };

        var command = new Command("state-rank",
            "Rank a state among the 50 states and DC on age-adjusted death rates 1999–2017 (NCHS): level rank in the first and " +
            "last year (1 = lowest rate) and rate-of-progress rank (annual percent change; 1 = steepest fall). With --chr, also on " +
            "equity between race/ethnicity groups (County Health Rankings 2022; population-weighted between-group variance).\n\n" +
            "Example:\n  lodestar state-rank --state NM --cause \"All causes\" --chr shared/data/chr")
        {
            state, cause, chr,
        };
        command.SetAction(parse =>
        {
            // Read before anything is printed, so a wrong --chr folder is one error line, not half a report.
            var chrFolder = parse.GetValue(chr);
            var equity = chrFolder is null ? null : StateEquity.Load(chrFolder);
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
            WriteEquity(o, parse.GetValue(state)!, equity);
            return 0;
        });
        return command;
    }

    private static void WriteEquity(TextWriter o, string state, StateEquity? equity)
    {
        o.WriteLine();
        if (equity is null)
        {
            o.WriteLine("Equity between race/ethnicity groups: not ranked. The NCHS 1999–2017 death rates above have no race/ethnicity breakdown; " +
                "give --chr with the County Health Rankings 2022 national files to rank the state on group gaps.");
            return;
        }
        o.WriteLine("Equity between race/ethnicity groups, County Health Rankings 2022 (groups AIAN, Asian, Black, Hispanic, white; CHR's unreliable values left out).");
        o.WriteLine("Spread = √BGV, the population-weighted SD of the group values (ACS weights); rank 1 = the most equal state.");
        o.WriteLine($"{"indicator",-46} {"worst-off group",-22} {"best-off group",-22} {"spread (95% CI)",-26} {"rank",9}");
        foreach (var indicator in EquityIndicator.All)
        {
            if (equity.Rank(state, indicator) is not { } r)
            {
                o.WriteLine($"{indicator.Title,-46} fewer than two groups published for this state");
                continue;
            }
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{$"{indicator.Title} ({indicator.Unit})",-46} {$"{r.Worst.Group} {r.Worst.Value:0.#}",-22} {$"{r.Best.Group} {r.Best.Value:0.#}",-22} {$"{r.Spread:0.##} ({Math.Sqrt(r.BgvLower):0.##}–{Math.Sqrt(r.BgvUpper):0.##})",-26} {$"{r.Rank} of {r.StateCount}",9}"));
        }
        o.WriteLine(StateEquity.NoChangeOverTime);
    }
}
