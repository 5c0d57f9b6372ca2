namespace Lodestar.Equity;

/// <summary>
/// Indirect standardisation (PHEindicatormethods calculate_ISRatio / calculate_ISRate; Breslow &amp; Day 1987):
/// E = Σ (x_ref,i / n_ref,i)·nᵢ, ratio = O/E with the exact (O &lt; 10) or Byar limits of O divided by E.
/// The rate form multiplies by the crude reference rate Σx_ref/Σn_ref. No suppression is applied (as in PHE).
/// </summary>
public static class IndirectStandardisation
{
    public static SmrResult Ratio(
        long observed,
        IReadOnlyList<double> population,
        IReadOnlyList<double> referenceEvents,
        IReadOnlyList<double> referencePopulation,
        double confidence = 0.95,
        RateMethod method = RateMethod.Auto,
        double refValue = 1,
        double multiplier = 100_000)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(referenceEvents);
        ArgumentNullException.ThrowIfNull(referencePopulation);
        if (population.Count != referenceEvents.Count || population.Count != referencePopulation.Count || population.Count == 0)
        {
            throw new ArgumentException("population and the reference need one entry per band, and at least one band.");
        }
        if (observed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(observed), "Observed events must be >= 0.");
        }
        double expected = 0, refEvents = 0, refPeople = 0;
        for (var i = 0; i < population.Count; i++)
        {
            if (!(referencePopulation[i] > 0) || !(referenceEvents[i] >= 0) || !(population[i] >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(referencePopulation), $"Band {i}: the reference needs population > 0 and events >= 0.");
            }
            expected += referenceEvents[i] / referencePopulation[i] * population[i];
            refEvents += referenceEvents[i];
            refPeople += referencePopulation[i];
        }
        if (!(expected > 0))
        {
            throw new ArgumentException("The expected count is 0 (the reference has no events where this population lives): the ratio is not defined.");
        }
        var (lo, hi, used) = PoissonLimits.Auto(observed, confidence, method);
        var ratio = new Estimate(observed / expected * refValue, lo / expected * refValue, hi / expected * refValue);
        var referenceRate = refEvents / refPeople * multiplier;
        var rate = new Estimate(observed / expected * referenceRate, lo / expected * referenceRate, hi / expected * referenceRate);
        return new SmrResult(observed, expected, ratio, rate, used);
    }
}
