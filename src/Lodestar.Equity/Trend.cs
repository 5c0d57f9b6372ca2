namespace Lodestar.Equity;

/// <summary>
/// Trends across periods. APC follows the SEER*Stat help ("Trend Algorithms"; "Calculating APC with Weighting"):
/// least squares of ln(rate) on the period, weighted by 1/Var(ln r) = r²/SE² (SEER*Stat's default) or unweighted;
/// significance by the t distribution with n − 2 degrees of freedom. A rate of 0 makes the fit impossible, as in
/// SEER*Stat ("the linear regression is not calculated").
/// </summary>
public static class Trend
{
    public static TrendResult AnnualPercentChange(IReadOnlyList<TrendPoint> points, double confidence = 0.95, Direction direction = Direction.HigherIsWorse, bool weighted = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        if (n < 3)
        {
            return new TrendResult(null, null, null, null, n, TrendClass.NotEstimable, "not estimable: a trend needs at least 3 periods (SEER*Stat)");
        }
        if (points.Select(p => p.Period).Distinct().Count() != n)
        {
            throw new ArgumentException("Each period may appear only once in a series.", nameof(points));
        }
        foreach (var p in points)
        {
            if (!(p.Value > 0))
            {
                return new TrendResult(null, null, null, null, n, TrendClass.NotEstimable, $"not estimable: the value in period {p.Period} is {p.Value}; the log-linear fit needs values > 0");
            }
            if (weighted && !(p.StandardError > 0))
            {
                return new TrendResult(null, null, null, null, n, TrendClass.NotEstimable, $"not estimable: the standard error in period {p.Period} is 0; use the unweighted fit");
            }
        }
        var x = points.Select(p => p.Period).ToArray();
        var y = points.Select(p => Math.Log(p.Value)).ToArray();
        var w = points.Select(p => weighted ? Sq(p.Value / p.StandardError) : 1.0).ToArray();
        var (slope, se, df) = Fit(x, y, w);
        var t = Quantiles.StudentT(confidence, df);
        double? pValue = se > 0 ? Quantiles.TwoSidedTP(slope / se, df) : slope == 0 ? 1 : 0;
        var apc = 100 * (Math.Exp(slope) - 1);
        var lower = 100 * (Math.Exp(slope - t * se) - 1);
        var upper = 100 * (Math.Exp(slope + t * se) - 1);
        var cls = Classify(lower, upper, direction);
        return new TrendResult(apc, lower, upper, pValue, n, cls, weighted ? "weighted least squares (1/Var ln r)" : "unweighted least squares");
    }

    /// <summary>
    /// The absolute gap dₜ = group − reference per shared period, a least-squares line through the gaps, and whether
    /// it heads toward zero: narrowing if the slope's interval excludes 0 and the slope has the opposite sign of the
    /// mean gap; widening if it excludes 0 with the same sign.
    /// </summary>
    public static GapResult Gap(IReadOnlyList<TrendPoint> group, IReadOnlyList<TrendPoint> reference, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(reference);
        var byPeriod = reference.ToDictionary(p => p.Period, p => p.Value);
        var shared = group.Where(p => byPeriod.ContainsKey(p.Period)).OrderBy(p => p.Period).ToArray();
        if (shared.Length < 3)
        {
            return new GapResult(null, null, null, null, null, null, GapClass.NotEstimable, "not estimable: fewer than 3 periods shared with the reference");
        }
        var x = shared.Select(p => p.Period).ToArray();
        var d = shared.Select(p => p.Value - byPeriod[p.Period]).ToArray();
        var (slope, se, df) = Fit(x, d, Enumerable.Repeat(1.0, x.Length).ToArray());
        var t = Quantiles.StudentT(confidence, df);
        double? pValue = se > 0 ? Quantiles.TwoSidedTP(slope / se, df) : slope == 0 ? 1 : 0;
        var lower = slope - t * se;
        var upper = slope + t * se;
        var meanGap = d.Average();
        GapClass cls;
        if (lower > 0 || upper < 0)
        {
            cls = meanGap == 0 ? GapClass.Widening : Math.Sign(slope) != Math.Sign(meanGap) ? GapClass.Narrowing : GapClass.Widening;
        }
        else
        {
            cls = GapClass.NoSignificantChange;
        }
        return new GapResult(d[0], d[^1], slope, lower, upper, pValue, cls, "");
    }

    private static TrendClass Classify(double lower, double upper, Direction direction)
    {
        if (lower > 0)
        {
            return direction == Direction.HigherIsWorse ? TrendClass.Worsening : TrendClass.Improving;
        }
        if (upper < 0)
        {
            return direction == Direction.HigherIsWorse ? TrendClass.Improving : TrendClass.Worsening;
        }
        return TrendClass.NoSignificantChange;
    }

    /// <summary>Weighted least squares slope with SE from the residual scale σ̂² = Σw·e²/(n − 2) (Kleinbaum et al. 1988).</summary>
    private static (double Slope, double Se, int Df) Fit(double[] x, double[] y, double[] w)
    {
        var sw = w.Sum();
        var xbar = Enumerable.Range(0, x.Length).Sum(i => w[i] * x[i]) / sw;
        var ybar = Enumerable.Range(0, x.Length).Sum(i => w[i] * y[i]) / sw;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxx += w[i] * Sq(x[i] - xbar);
            sxy += w[i] * (x[i] - xbar) * (y[i] - ybar);
        }
        var slope = sxy / sxx;
        var intercept = ybar - slope * xbar;
        var rss = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            rss += w[i] * Sq(y[i] - intercept - slope * x[i]);
        }
        var df = x.Length - 2;
        return (slope, Math.Sqrt(rss / df / sxx), df);
    }

    private static double Sq(double v) => v * v;
}
