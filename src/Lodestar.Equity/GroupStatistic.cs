namespace Lodestar.Equity;

/// <summary>
/// One group's estimate for comparisons and disparity indices: its value (rate, proportion or any measure, on the
/// reporting scale), the standard error on that scale, and its population (the weight of population-weighted
/// measures and the size used to pick the "largest" reference). <see cref="Order"/> ranks ordered groups, 1 = most
/// disadvantaged (income or deprivation quintile, rurality code); equal ranks are ties.
/// </summary>
public readonly record struct GroupStatistic(string Group, double Value, double StandardError, double Population, double? Order = null)
{
    /// <summary>The counts when the value is a proportion built from them; score intervals for differences need them.</summary>
    public ProportionCounts? Counts { get; init; }

    /// <summary>A proportion x/n × <paramref name="multiplier"/> with the binomial SE √(p(1 − p)/n).</summary>
    public static GroupStatistic FromProportion(string group, long numerator, long denominator, double multiplier = 1, double? order = null)
    {
        if (denominator <= 0 || numerator < 0 || numerator > denominator)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), $"{group}: needs 0 <= numerator <= denominator and denominator > 0.");
        }
        var p = (double)numerator / denominator;
        return new GroupStatistic(group, p * multiplier, Math.Sqrt(p * (1 - p) / denominator) * multiplier, denominator, order)
        {
            Counts = new ProportionCounts(numerator, denominator, multiplier),
        };
    }

    /// <summary>A rate x/n × <paramref name="multiplier"/> with the Poisson SE √x/n.</summary>
    public static GroupStatistic FromRate(string group, long events, double population, double multiplier = 100_000, double? order = null)
    {
        if (!(population > 0) || events < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(population), $"{group}: needs events >= 0 and population > 0.");
        }
        return new GroupStatistic(group, events / population * multiplier, Math.Sqrt(events) / population * multiplier, population, order);
    }
}
