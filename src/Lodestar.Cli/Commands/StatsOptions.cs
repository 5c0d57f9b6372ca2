using System.CommandLine;
using Lodestar.Diagnostics;
using Lodestar.Equity;

namespace Lodestar.Cli.Commands;

/// <summary>The options the <c>stats</c> subcommands share, and the parsing of their string values into the library's settings.</summary>
internal static class StatsOptions
{
    public static Option<string> Input() => new("--input", "-i") { Description = "Tidy input CSV (columns: see docs/statistics.md).", Required = true };

    public static Option<string> Out() => new("--out", "-o") { Description = "Output CSV, written atomically.", Required = true };

    public static Option<string> Confidence() => new("--confidence")
    {
        Description = "Confidence level, 0.95 or 95; several separated by commas (0.95,0.998) give lower95,upper95,lower99_8,upper99_8 columns.",
        DefaultValueFactory = _ => "0.95",
    };

    public static Option<double?> Per() => new("--per") { Description = "Multiplier: rates per this many (default 100000 for rates, 1 for proportions)." };

    public static Option<string> Measure() => new("--measure")
    {
        Description = "rate (events/population, Poisson SE) or proportion (numerator/denominator, binomial SE).",
        DefaultValueFactory = _ => "rate",
    };

    public static Option<string> DirectionOption() => new("--direction")
    {
        Description = "higher-is-worse (deaths, disease; default) or higher-is-better (screening, coverage).",
        DefaultValueFactory = _ => "higher-is-worse",
    };

    public static Option<int> SuppressBelow() => new("--suppress-below")
    {
        Description = "Withhold counts from 1 to N−1 and their complements (CMS uses 11); 0 = off (default).",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>One level or several separated by commas (0.95,0.998 or 95,99.8), each distinct; see <see cref="StatsLevels"/>.</summary>
    public static double[] ParseConfidences(string text)
    {
        var levels = text.Split(',', StringSplitOptions.TrimEntries).Select(ParseConfidence).ToArray();
        for (var i = 1; i < levels.Length; i++)
        {
            if (levels[..i].Any(l => StatsLevels.Suffix(l) == StatsLevels.Suffix(levels[i])))
            {
                throw new UserErrorException($"--confidence: level {text.Split(',')[i].Trim()} is given twice");
            }
        }
        return levels;
    }

    /// <summary>Accepts 0.95 or 95; must lie in [0.5, 1).</summary>
    public static double ParseConfidence(string text)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c))
        {
            throw new UserErrorException($"--confidence: not a number '{text}'");
        }
        if (c > 1)
        {
            c /= 100;
        }
        return c is >= 0.5 and < 1 ? c : throw new UserErrorException($"--confidence: {text} is outside 0.5–1 (or 50–100)");
    }

    public static double ParsePer(double? per, double fallback) =>
        per is null ? fallback : per > 0 && double.IsFinite(per.Value) ? per.Value : throw new UserErrorException($"--per: must be a positive number (got {per})");

    public static Direction ParseDirection(string text) => text.ToLowerInvariant() switch
    {
        "higher-is-worse" or "adverse" => Direction.HigherIsWorse,
        "higher-is-better" or "favourable" or "favorable" => Direction.HigherIsBetter,
        _ => throw new UserErrorException($"--direction: '{text}' is not one of higher-is-worse, higher-is-better"),
    };

    public static bool ParseIsProportion(string text) => text.ToLowerInvariant() switch
    {
        "rate" => false,
        "proportion" => true,
        _ => throw new UserErrorException($"--measure: '{text}' is not one of rate, proportion"),
    };

    public static string Name(Enum value) => value switch
    {
        RateMethod.Auto => "auto",
        RateMethod.Exact => "exact",
        RateMethod.Byar => "byar",
        ProportionMethod.Wilson => "wilson",
        ProportionMethod.ClopperPearson => "clopper-pearson",
        DsrMethod.FayFeuer => "gamma",
        DsrMethod.Tiwari => "tiwari",
        DsrMethod.Dobson => "dobson",
        DsrMethod.Nchs => "nchs",
        AhrqClass.NotClassified => "not_classified",
        TrendClass.NoSignificantChange => "no_significant_change",
        TrendClass.NotEstimable => "not_estimable",
        GapClass.NoSignificantChange => "no_significant_change",
        GapClass.NotEstimable => "not_estimable",
        SuppressionReason.None => "",
        _ => value.ToString().ToLowerInvariant(),
    };
}
