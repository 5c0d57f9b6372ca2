using System.Globalization;
using Lodestar.Equity;
using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Analysis;

/// <summary>Scores as readers expect them in plain text: proportions in %, rates per 1,000, ratios and continuous scores as plain numbers.</summary>
public static class ScoreText
{
    public static string Value(double value, Scoring scoring) => scoring switch
    {
        Scoring.RatePer1000 => value.ToString("N1", CultureInfo.InvariantCulture) + " per 1,000",
        Scoring.Ratio => value.ToString("0.000", CultureInfo.InvariantCulture),
        // A continuous score is in its observation's unit (days for the shipped observations), or a count.
        Scoring.Continuous => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("P1", CultureInfo.InvariantCulture),
    };

    /// <summary>"35.9 % (28.2 %–44.4 %)" and the like.</summary>
    public static string WithInterval(Estimate estimate, Scoring scoring) =>
        $"{Value(estimate.Value, scoring)} ({Value(estimate.Lower, scoring)}–{Value(estimate.Upper, scoring)})";
}
