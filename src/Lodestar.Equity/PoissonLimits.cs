namespace Lodestar.Equity;

/// <summary>
/// Confidence limits for a Poisson count x. Exact (Garwood 1936): L = χ²(α/2; 2x)/2, U = χ²(1 − α/2; 2x + 2)/2,
/// i.e. qgamma(α/2, x) and qgamma(1 − α/2, x + 1). Byar (Breslow &amp; Day 1987, as in PHEindicatormethods):
/// L = x(1 − 1/(9x) − z/(3√x))³, U = (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³.
/// </summary>
public static class PoissonLimits
{
    /// <summary>PHE's switch point: counts below 10 get exact limits, 10 and over Byar's approximation.</summary>
    public const long ExactBelow = 10;

    public static (double Lower, double Upper) Exact(double x, double confidence = 0.95)
    {
        Check(x, confidence);
        var alpha = 1 - confidence;
        var lower = x == 0 ? 0 : Quantiles.Gamma(x, alpha / 2);
        var upper = Quantiles.Gamma(x + 1, 1 - alpha / 2);
        return (lower, upper);
    }

    /// <summary>Byar's approximation; at x = 0 the lower limit is defined as 0 (the formula divides by x).</summary>
    public static (double Lower, double Upper) Byar(double x, double confidence = 0.95)
    {
        Check(x, confidence);
        var z = Proportions.Z(confidence);
        var lower = x == 0 ? 0 : x * Math.Pow(1 - 1 / (9 * x) - z / (3 * Math.Sqrt(x)), 3);
        var upper = (x + 1) * Math.Pow(1 - 1 / (9 * (x + 1)) + z / (3 * Math.Sqrt(x + 1)), 3);
        return (Math.Max(0, lower), upper);
    }

    /// <summary>Exact below <see cref="ExactBelow"/> events, Byar from there (PHEindicatormethods phe_rate).</summary>
    public static (double Lower, double Upper, RateMethod Used) Auto(double x, double confidence = 0.95, RateMethod method = RateMethod.Auto)
    {
        var used = method == RateMethod.Auto ? (x < ExactBelow ? RateMethod.Exact : RateMethod.Byar) : method;
        var (lower, upper) = used == RateMethod.Exact ? Exact(x, confidence) : Byar(x, confidence);
        return (lower, upper, used);
    }

    private static void Check(double x, double confidence)
    {
        if (!(x >= 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"A Poisson count must be finite and >= 0 (got {x}).");
        }
        _ = Proportions.Z(confidence);
    }
}
