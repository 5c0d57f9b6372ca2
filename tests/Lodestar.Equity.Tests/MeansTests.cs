namespace Lodestar.Equity.Tests;

public sealed class MeansTests
{
    private static Moments Of(params double[] xs) => xs.Aggregate(default(Moments), (m, x) => m.Add(x));

    [Fact]
    public void Mean_interval_matches_R_t_test()
    {
        // R: t.test(c(2, 4, 4, 4, 5, 5, 7, 9))$conf.int = 3.212512 6.787488 (mean 5, s² = 32/7, t(0.975; 7) = 2.364624).
        var e = Means.Mean(Of(2, 4, 4, 4, 5, 5, 7, 9))!.Value;
        Assert.Equal(5, e.Value, 12);
        Tolerance.Relative(3.2125120817637898, e.Lower, 1e-8);
        Tolerance.Relative(6.78748791823621, e.Upper, 1e-8);
    }

    [Fact]
    public void Total_is_n_times_the_mean_and_its_interval()
    {
        var e = Means.Total(Of(2, 4, 4, 4, 5, 5, 7, 9))!.Value;
        Assert.Equal(40, e.Value, 12);
        Tolerance.Relative(8 * 3.2125120817637898, e.Lower, 1e-8);
        Tolerance.Relative(8 * 6.78748791823621, e.Upper, 1e-8);
    }

    [Fact]
    public void One_value_has_no_interval()
    {
        Assert.Null(Means.Mean(Of(3)));
        Assert.Null(Means.Total(Of(3)));
    }

    [Fact]
    public void Constant_sample_has_a_zero_width_interval()
    {
        var e = Means.Mean(Of(4, 4, 4))!.Value;
        Assert.Equal(new Estimate(4, 4, 4), e);
    }
}
