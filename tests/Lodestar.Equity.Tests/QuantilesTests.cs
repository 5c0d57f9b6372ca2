namespace Lodestar.Equity.Tests;

public sealed class QuantilesTests
{
    // Chi-square critical values from standard statistical tables (e.g. Armitage, Berry & Matthews 2002, Table A3);
    // the gamma quantile is half the chi-square quantile on twice the shape: qgamma(p, k) = χ²(p; 2k)/2.
    [Theory]
    [InlineData(0.025, 2, 0.0506)]    // lower tail, 2 df
    [InlineData(0.975, 2, 7.378)]     // upper tail, 2 df
    [InlineData(0.975, 10, 20.483)]
    [InlineData(0.01, 20, 8.260)]
    [InlineData(0.001, 20, 5.921)]    // the lower tail of a 99.8% two-sided interval
    public void Gamma_quantile_matches_chi_square_tables(double p, int df, double expected)
    {
        var digits = expected < 0.1 ? 4 : 3;
        Assert.Equal(expected, Math.Round(2 * Quantiles.Gamma(df / 2.0, p), digits));
    }

    // Student t critical values, two-sided 95% (standard t table).
    [Theory]
    [InlineData(1, 12.706)]   // one degree of freedom: the heaviest tail
    [InlineData(3, 3.182)]
    [InlineData(10, 2.228)]
    public void Student_t_quantile_matches_the_t_table(double df, double expected) =>
        Assert.Equal(expected, Math.Round(Quantiles.StudentT(0.95, df), 3));

    [Theory]
    [InlineData(0.37, 0.025)]       // shape below 1 (Fay–Feuer with a tiny rate): density unbounded at 0
    [InlineData(3.7, 0.025)]        // non-integer shapes are what the gamma DSR interval uses
    [InlineData(3.7, 0.999)]
    [InlineData(812.25, 0.975)]     // large shape: nearly normal
    public void Gamma_quantile_inverts_the_regularised_incomplete_gamma(double shape, double p)
    {
        var q = Quantiles.Gamma(shape, p);
        var back = p < 0.5
            ? MathNet.Numerics.SpecialFunctions.GammaLowerRegularized(shape, q)
            : 1 - MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(shape, q);
        Tolerance.Relative(p, back, 1e-12);
    }

    [Fact]
    public void Beta_quantile_inverts_the_regularised_incomplete_beta()
    {
        foreach (var (a, b, p) in new[] { (1.0, 20.0, 0.975), (81.0, 183.0, 0.025), (0.5, 0.5, 0.3) })
        {
            var x = Quantiles.Beta(a, b, p);
            Tolerance.Relative(p, MathNet.Numerics.SpecialFunctions.BetaRegularized(a, b, x), 1e-12);
        }
    }

    [Fact]
    public void Two_sided_p_values_are_symmetric_and_one_at_zero()
    {
        Assert.Equal(1, Quantiles.TwoSidedNormalP(0), 12);
        Assert.Equal(0.05, Quantiles.TwoSidedNormalP(1.959963984540054), 12);
        Assert.Equal(Quantiles.TwoSidedTP(2.5, 4), Quantiles.TwoSidedTP(-2.5, 4));
    }
}
