namespace Lodestar.Equity;

/// <summary>
/// The sample median with the distribution-free interval from order statistics (Conover 1999, Practical
/// Nonparametric Statistics, §3.2; Hahn &amp; Meeker 1991, §5.2): with B ~ Binomial(n, ½) and k the largest rank
/// such that P(B ≤ k − 1) ≤ α/2, the interval [x₍k₎, x₍n−k+1₎] covers the population median with probability
/// 1 − 2·P(B ≤ k − 1) ≥ 1 − α, whatever the distribution — lengths of stay and waiting times are skewed, so a
/// normal interval would mislead. For n = 10 at 95% the ranks are 2 and 9; for n = 100, 40 and 61.
/// </summary>
public static class Medians
{
    /// <summary>The median (the mean of the two middle values when n is even) and its order-statistic interval.</summary>
    /// <param name="sorted">The sample in ascending order.</param>
    /// <returns>Null for an empty sample.</returns>
    public static Estimate? Median(IReadOnlyList<double> sorted, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var n = sorted.Count;
        if (n == 0)
        {
            return null;
        }
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var (lower, upper, _) = Ranks(n, confidence);
        return new Estimate(median, sorted[lower - 1], sorted[upper - 1]);
    }

    /// <summary>
    /// The 1-based ranks of the interval's ends and its exact coverage. With n too small for the level (n ≤ 5 at
    /// 95%) no pair of ranks reaches it: the ranks are then 1 and n (the range) and the coverage, 1 − 2^(1−n), is
    /// below the level asked for.
    /// </summary>
    public static (int Lower, int Upper, double Coverage) Ranks(int n, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var halfAlpha = (1 - confidence) / 2;
        _ = Proportions.Z(confidence);
        // The largest j with P(B ≤ j) ≤ α/2, by bisection on the CDF (monotone in j); j = −1 when even P(B = 0) is above it.
        int lo = -1, hi = (n - 1) / 2;
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (Cdf(mid, n) <= halfAlpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        var k = lo + 1;
        var tail = lo < 0 ? 0 : Cdf(lo, n);
        if (k == 0)
        {
            // Not even the range reaches the level; report the range and its true coverage.
            return (1, n, 1 - 2 * Math.Pow(0.5, n));
        }
        return (k, n - k + 1, 1 - 2 * tail);
    }

    /// <summary>P(B ≤ j) for B ~ Binomial(n, ½), via the regularised incomplete beta function I_{½}(n − j, j + 1).</summary>
    private static double Cdf(int j, int n) => j >= n ? 1 : MathNet.Numerics.SpecialFunctions.BetaRegularized(n - j, j + 1, 0.5);
}
