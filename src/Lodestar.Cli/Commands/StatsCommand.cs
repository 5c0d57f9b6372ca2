using System.CommandLine;

namespace Lodestar.Cli.Commands;

/// <summary>
/// <c>lodestar stats proportion|rate|dsr|compare|disparity|trend</c>: the equity statistics over tidy CSV, so anyone
/// can check Lodestar's numbers against another tool. Column names and formats are in docs/statistics.md.
/// </summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats",
            "Equity statistics over tidy CSV: proportions, rates, age-standardised rates, group comparisons, disparity indices and trends, " +
            "each with confidence intervals (methods and references: docs/statistics.md).\n\n" +
            "Example:\n  lodestar stats rate --input docs/examples/stats/rate.csv --out rate-out.csv --per 100");
        command.Subcommands.Add(StatsBasicVerbs.Proportion());
        command.Subcommands.Add(StatsBasicVerbs.Rate());
        command.Subcommands.Add(StatsDsrVerb.Create());
        command.Subcommands.Add(StatsGroupVerbs.Compare());
        command.Subcommands.Add(StatsGroupVerbs.Disparity());
        command.Subcommands.Add(StatsTrendVerb.Create());
        return command;
    }

    /// <summary>Writes the output and a one-line summary; returns the exit code.</summary>
    internal static int Finish(ParseResult parse, StatsOutput output, string path, string what)
    {
        output.Write(path);
        parse.InvocationConfiguration.Output.WriteLine($"wrote {output.Count} {what} to {path}");
        return 0;
    }
}
