namespace Lodestar.Equity.Tests;

public sealed class RatesTests
{
    // PHEindicatormethods v2.1.0 tests/testthat/testdata_Rate.xlsx (phe_rate output), 1e-9 relative.
    [Theory]
    [InlineData(1, 100, 100, 0.95, 1, 2.5317807984289897E-2, 5.571643390938898, RateMethod.Exact)]        // one event: exact
    [InlineData(5, 100, 100, 0.998, 5, 0.739371731917839, 16.454745203680105, RateMethod.Exact)]
    [InlineData(20, 100, 100, 0.95, 20, 12.211428834875937, 30.889880369197066, RateMethod.Byar)]         // just above the switch
    [InlineData(9856, 12345, 100, 0.998, 79.837991089509913, 77.375905432710525, 82.354472770954303, RateMethod.Byar)]
    [InlineData(7776456, 7564336677, 100000, 0.95, 102.80420256339154, 102.73196005302074, 102.87648334092832, RateMethod.Byar)]
    [InlineData(250, 220, 100000, 0.95, 113636.36363636365, 99984.947385328764, 128631.14487455782, RateMethod.Byar)] // events > population is allowed
    public void Crude_rate_matches_PHEindicatormethods_test_data(long x, double n, double per, double confidence, double value, double lower, double upper, RateMethod method)
    {
        var r = Rates.Crude(x, n, per, confidence);
        Tolerance.Relative(value, r.Value);
        Tolerance.Relative(lower, r.Lower);
        Tolerance.Relative(upper, r.Upper);
        Assert.Equal(method, r.Method);
    }

    [Fact]
    public void Zero_events_give_rate_zero_with_a_positive_upper_limit()
    {
        var r = Rates.Crude(0, 1000, 1000);
        Assert.Equal(0, r.Value);
        Assert.Equal(0, r.Lower);
        Tolerance.Relative(-Math.Log(0.025), r.Upper, 1e-12); // per 1000 over 1000 = the count's limit
    }

    [Fact]
    public void Denominator_of_one_is_allowed()
    {
        var r = Rates.Crude(1, 1, 1);
        Assert.InRange(r.Value, r.Lower, r.Upper);
    }

    [Fact]
    public void Interval_narrows_as_population_grows_at_a_fixed_rate()
    {
        var previous = double.MaxValue;
        foreach (var n in new long[] { 100, 1000, 10000, 100000 })
        {
            var r = Rates.Crude(n / 20, n, 1000);
            Assert.InRange(r.Value, r.Lower, r.Upper);
            Assert.True(r.Upper - r.Lower < previous);
            previous = r.Upper - r.Lower;
        }
    }

    [Theory]
    [InlineData(-1, 10)]  // negative count
    [InlineData(1, 0)]    // no population
    public void Invalid_input_is_rejected(long x, double n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Crude(x, n));
}
