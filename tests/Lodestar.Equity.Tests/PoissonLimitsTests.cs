namespace Lodestar.Equity.Tests;

public sealed class PoissonLimitsTests
{
    // PHEindicatormethods v2.1.0 tests/testthat/testdata_Byars_Wilson.xlsx: byars_lower/byars_upper for the count.
    [Theory]
    [InlineData(65, 0.95, 50.163187710459454, 82.849138545939837)]
    [InlineData(1045, 0.95, 982.59320180733255, 1110.3312129856499)]
    [InlineData(1, 0.95, 1.3072132901504351E-2, 5.5637555824752605)]   // Byar forced on a single event
    [InlineData(65, 0.998, 42.880261471480203, 94.000290844318016)]
    [InlineData(1045, 0.998, 947.94070356103737, 1148.8061609880331)]
    [InlineData(10, 0.998, 2.916318374695686, 24.193724927880535)]      // the switch point of the Auto rule
    public void Byar_matches_PHEindicatormethods_test_data(long x, double confidence, double lower, double upper)
    {
        var (l, u) = PoissonLimits.Byar(x, confidence);
        Tolerance.Relative(lower, l);
        Tolerance.Relative(upper, u);
    }

    // Exact limits equal qgamma(α/2, x) and qgamma(1 − α/2, x + 1); the counts' values come from
    // PHEindicatormethods testdata_Rate.xlsx rows with multiplier 100 and n = 100 (rate = count).
    [Theory]
    [InlineData(1, 0.95, 2.5317807984289897E-2, 5.571643390938898)]
    [InlineData(5, 0.95, 1.62348639011842, 11.668332079322669)]
    [InlineData(1, 0.998, 1.0005003335835344E-3, 9.2334134764515845)]   // 99.8%: deep tail of the gamma
    [InlineData(5, 0.998, 0.739371731917839, 16.454745203680105)]
    public void Exact_matches_PHEindicatormethods_test_data(long x, double confidence, double lower, double upper)
    {
        var (l, u) = PoissonLimits.Exact(x, confidence);
        Tolerance.Relative(lower, l);
        Tolerance.Relative(upper, u);
    }

    [Fact]
    public void Exact_at_zero_events_has_lower_zero_and_upper_minus_log_alpha_over_two()
    {
        // Garwood 1936: with x = 0 the upper limit solves e^(−U) = α/2.
        var (l, u) = PoissonLimits.Exact(0);
        Assert.Equal(0, l);
        Tolerance.Relative(-Math.Log(0.025), u, 1e-12);
    }

    [Fact]
    public void Auto_switches_from_exact_to_Byar_at_ten_events()
    {
        Assert.Equal(RateMethod.Exact, PoissonLimits.Auto(9).Used);
        Assert.Equal(RateMethod.Byar, PoissonLimits.Auto(10).Used);
    }
}
