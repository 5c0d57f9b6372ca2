namespace Lodestar.Equity;

/// <summary>Intervals for the mean and the total of a sample of continuous values.</summary>
public static class Means
{
    /// <summary>
    /// The Student t interval x̄ ± t(1 − α/2; n − 1) · s/√n (R's t.test(x)$conf.int). Null below two values,
    /// where the sample says nothing about its spread.
    /// </summary>
    public static Estimate? Mean(Moments sample, double confidence = 0.95)
    {
        _ = Proportions.Z(confidence);
        if (sample.StandardErrorOfMean is not { } se)
        {
            return null;
        }
        var half = Quantiles.StudentT(confidence, sample.Count - 1) * se;
        return new Estimate(sample.Mean, sample.Mean - half, sample.Mean + half);
    }

    /// <summary>
    /// The total Σx with the mean's t interval scaled by n: the interval of n·μ for the n values observed
    /// (the count is taken as fixed, as a sum of lengths of stay over a given set of stays).
    /// </summary>
    public static Estimate? Total(Moments sample, double confidence = 0.95) =>
        Mean(sample, confidence) is { } m ? new Estimate(sample.Sum, m.Lower * sample.Count, m.Upper * sample.Count) : null;
}
