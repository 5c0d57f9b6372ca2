using MathNet.Numerics.Distributions;

namespace Lodestar.Equity;

/// <summary>Confidence intervals for a proportion x/n.</summary>
public static class Proportions
{
    /// <summary>
    /// Wilson score interval without continuity correction (Wilson 1927; Newcombe &amp; Altman 2000;
    /// equals R's prop.test(x, n, correct = FALSE) and PHEindicatormethods::phe_proportion).
    /// x = 0 gives lower = 0 exactly and x = n gives upper = 1 exactly.
    /// </summary>
    public static Estimate Wilson(long x, long n, double confidence = 0.95)
    {
        if (n <= 0 || x < 0 || x > n)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Wilson needs 0 <= x <= n and n > 0 (x = {x}, n = {n}).");
        }
        var z = Z(confidence);
        var p = (double)x / n;
        var z2 = z * z;
        var centre = 2 * x + z2;
        var spread = z * Math.Sqrt(z2 + 4 * x * (1 - p));
        var denominator = 2 * (n + z2);
        var lower = x == 0 ? 0 : (centre - spread) / denominator;
        var upper = x == n ? 1 : (centre + spread) / denominator;
        return new Estimate(p, lower, upper);
    }

    /// <summary>
    /// Clopper–Pearson "exact" interval (Clopper &amp; Pearson 1934; Newcombe 1998 method 5):
    /// L = B⁻¹(α/2; x, n − x + 1), U = B⁻¹(1 − α/2; x + 1, n − x); L = 0 at x = 0 and U = 1 at x = n.
    /// Equals R's binom.test(x, n)$conf.int. Conservative: coverage is at least the nominal level.
    /// </summary>
    public static Estimate ClopperPearson(long x, long n, double confidence = 0.95)
    {
        if (n <= 0 || x < 0 || x > n)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Clopper–Pearson needs 0 <= x <= n and n > 0 (x = {x}, n = {n}).");
        }
        var alpha = 1 - confidence;
        _ = Z(confidence);
        var lower = x == 0 ? 0 : Quantiles.Beta(x, n - x + 1, alpha / 2);
        var upper = x == n ? 1 : Quantiles.Beta(x + 1, n - x, 1 - alpha / 2);
        return new Estimate((double)x / n, lower, upper);
    }

    /// <summary>The interval chosen by <paramref name="method"/>.</summary>
    public static Estimate Interval(long x, long n, double confidence, ProportionMethod method) =>
        method == ProportionMethod.ClopperPearson ? ClopperPearson(x, n, confidence) : Wilson(x, n, confidence);

    /// <summary>The two-sided standard-normal quantile z = Φ⁻¹(1 − α/2) for confidence 1 − α.</summary>
    public static double Z(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie strictly between 0 and 1.");
        }
        return Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
    }
}
