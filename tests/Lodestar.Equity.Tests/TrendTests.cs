namespace Lodestar.Equity.Tests;

public sealed class TrendTests
{
    [Fact]
    public void Constant_one_percent_growth_gives_APC_one_as_in_the_Joinpoint_help()
    {
        // NCI Joinpoint help, "Estimate Average Percent Change (APC)": an APC of 1% takes 50 per 100,000 in 1990 to
        // 50.5 in 1991 and 51.005 in 1992.
        var points = new[] { new TrendPoint(1990, 50, 1), new TrendPoint(1991, 50.5, 1), new TrendPoint(1992, 51.005, 1) };
        foreach (var weighted in new[] { true, false })
        {
            var t = Trend.AnnualPercentChange(points, weighted: weighted);
            Tolerance.Relative(1, t.Apc!.Value, 1e-9);
            Assert.Equal(TrendClass.Worsening, t.Class); // an exact fit: the interval collapses onto +1%
        }
    }

    // SEER*Stat "Trend Algorithms": y = ln r regressed on the calendar year; APC = 100(e^m − 1), limits
    // 100(e^(m ± t(n−2)·SE(m)) − 1), two-sided t-test with n − 2 df. Expected values are R 4.2.2's lm() on the same
    // data (summary(lm(log(r) ~ year[, weights = r²/SE²]))), printed to 17 digits: an implementation independent of ours.
    [Fact]
    public void Unweighted_APC_matches_R_lm()
    {
        double[] years = [2000, 2001, 2002, 2003, 2004];
        double[] rates = [100, 97, 95, 90, 88];
        var t = Trend.AnnualPercentChange(years.Select((y, i) => new TrendPoint(y, rates[i], 1)).ToArray(), weighted: false);
        Tolerance.Relative(-3.2516399993258283, t.Apc!.Value);
        Tolerance.Relative(-4.1099299614731137, t.Lower!.Value);
        Tolerance.Relative(-2.3856676811345068, t.Upper!.Value);
        Tolerance.Relative(0.0013063864686021437, t.PValue!.Value);
        Assert.Equal(TrendClass.Improving, t.Class);
    }

    [Fact]
    public void Weighted_APC_matches_R_lm_with_inverse_variance_weights()
    {
        // 300, 260, 220, 180, 150 events per 10,000 in 2018–2022 (docs/statistics.md's trend example, group A): Poisson
        // SE √x/n, so the SEER*Stat weight 1/Var(ln r) = r²/SE² is the count x.
        long[] events = [300, 260, 220, 180, 150];
        var points = events.Select((x, i) => new TrendPoint(2018 + i, x / 10_000.0, Math.Sqrt(x) / 10_000.0)).ToArray();
        var t = Trend.AnnualPercentChange(points);
        Tolerance.Relative(-15.919749649288095, t.Apc!.Value);
        Tolerance.Relative(-17.642603222547294, t.Lower!.Value);
        Tolerance.Relative(-14.160855300688313, t.Upper!.Value);
        Tolerance.Relative(0.0001158729925739665, t.PValue!.Value);
    }

    [Fact]
    public void Gap_slope_matches_R_lm()
    {
        // Gap 20, 16, 12, 8, 5 over 2010–2014: lm(d ~ year) gives slope −3.8, limits ± qt(.975, 3)·SE, p 6.167e-05.
        var reference = Enumerable.Range(0, 5).Select(i => new TrendPoint(2010 + i, 10, 1)).ToArray();
        double[] group = [30, 26, 22, 18, 15];
        var g = Trend.Gap(group.Select((v, i) => new TrendPoint(2010 + i, v, 1)).ToArray(), reference);
        Tolerance.Relative(-3.7999999999996867, g.Slope!.Value);
        Tolerance.Relative(-4.1674772462067748, g.Lower!.Value);
        Tolerance.Relative(-3.4325227537925986, g.Upper!.Value);
        Tolerance.Relative(6.167175462860937e-05, g.PValue!.Value);
        Assert.Equal(GapClass.Narrowing, g.Class);
    }

    [Theory]
    [InlineData(2)]   // two periods: SEER*Stat needs three
    [InlineData(1)]
    public void Too_few_periods_are_not_estimable(int n)
    {
        var t = Trend.AnnualPercentChange(Enumerable.Range(0, n).Select(i => new TrendPoint(i, 10, 1)).ToArray());
        Assert.Equal(TrendClass.NotEstimable, t.Class);
        Assert.Null(t.Apc);
    }

    [Fact]
    public void A_zero_rate_makes_the_log_linear_trend_not_estimable()
    {
        var t = Trend.AnnualPercentChange([new TrendPoint(1, 5, 1), new TrendPoint(2, 0, 0), new TrendPoint(3, 4, 1)]);
        Assert.Equal(TrendClass.NotEstimable, t.Class);
        Assert.Contains("period 2", t.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Noisy_flat_series_shows_no_significant_change_and_the_interval_contains_the_estimate()
    {
        var t = Trend.AnnualPercentChange([new TrendPoint(1, 10, 1), new TrendPoint(2, 12, 1), new TrendPoint(3, 9, 1), new TrendPoint(4, 11, 1)]);
        Assert.Equal(TrendClass.NoSignificantChange, t.Class);
        Assert.InRange(t.Apc!.Value, t.Lower!.Value, t.Upper!.Value);
    }

    [Theory]
    [InlineData(new double[] { 30, 26, 22, 18, 15 }, GapClass.Narrowing)]          // group above the reference, falling toward it
    [InlineData(new double[] { 30, 34, 39, 43, 48 }, GapClass.Widening)]           // moving away
    [InlineData(new double[] { 30, 31, 29, 30, 31 }, GapClass.NoSignificantChange)] // noise around a constant gap
    [InlineData(new double[] { 10, 20, 10, 10, 10 }, GapClass.NoSignificantChange)] // identical to the reference (gap 0) most years
    public void Gap_between_groups_is_classified(double[] group, GapClass expected)
    {
        var reference = Enumerable.Range(0, 5).Select(i => new TrendPoint(2010 + i, 10, 1)).ToArray();
        var g = group.Select((v, i) => new TrendPoint(2010 + i, v, 1)).ToArray();
        Assert.Equal(expected, Trend.Gap(g, reference).Class);
    }
}
