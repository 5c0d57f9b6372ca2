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

    [Fact]
    public void Unweighted_APC_matches_the_SEER_Stat_formula_by_hand()
    {
        // SEER*Stat "Trend Algorithms": y = ln r on calendar year; APC = 100(e^m − 1); CI 100(e^(m ± t(n−2)·SEm) − 1).
        double[] years = [2000, 2001, 2002, 2003, 2004];
        double[] rates = [100, 97, 95, 90, 88];
        var t = Trend.AnnualPercentChange(years.Select((y, i) => new TrendPoint(y, rates[i], 1)).ToArray(), weighted: false);
        var ly = rates.Select(r => Math.Log(r)).ToArray();
        var xbar = years.Average();
        var ybar = ly.Average();
        var sxx = years.Sum(x => (x - xbar) * (x - xbar));
        var m = years.Select((x, i) => (x - xbar) * (ly[i] - ybar)).Sum() / sxx;
        var rss = years.Select((x, i) => Math.Pow(ly[i] - (ybar + m * (x - xbar)), 2)).Sum();
        var se = Math.Sqrt(rss / 3 / sxx);
        var tq = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 3, 0.975);
        Tolerance.Relative(100 * (Math.Exp(m) - 1), t.Apc!.Value, 1e-12);
        Tolerance.Relative(100 * (Math.Exp(m - tq * se) - 1), t.Lower!.Value, 1e-9);
        Tolerance.Relative(100 * (Math.Exp(m + tq * se) - 1), t.Upper!.Value, 1e-9);
        Assert.Equal(TrendClass.Improving, t.Class);
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
