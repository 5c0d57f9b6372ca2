namespace Lodestar.Equity;

/// <summary>Crude rates x/n × multiplier with Poisson limits (PHEindicatormethods phe_rate; Fingertips technical guidance).</summary>
public static class Rates
{
    /// <summary>
    /// The crude rate of <paramref name="events"/> over <paramref name="population"/> (people or person-time).
    /// Events may exceed the population: rates are not bounded by 1.
    /// </summary>
    public static RateEstimate Crude(long events, double population, double multiplier = 100_000, double confidence = 0.95, RateMethod method = RateMethod.Auto)
    {
        if (events < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(events), $"Events must be >= 0 (got {events}).");
        }
        if (!(population > 0) || double.IsInfinity(population))
        {
            throw new ArgumentOutOfRangeException(nameof(population), $"Population must be > 0 (got {population}).");
        }
        var (lower, upper, used) = PoissonLimits.Auto(events, confidence, method);
        return new RateEstimate(events / population * multiplier, lower / population * multiplier, upper / population * multiplier, used);
    }
}
