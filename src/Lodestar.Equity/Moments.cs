namespace Lodestar.Equity;

/// <summary>
/// Count, mean and sum of squared deviations of a sample as an aggregate state (init = default, update =
/// <see cref="Add"/>, combine = <see cref="Combine"/>, finalize = the properties), so shards and threads can
/// each keep one and merge. Welford's update (Welford 1962) and the pairwise combination of Chan, Golub and
/// LeVeque (1979) avoid the cancellation of the textbook Σx² − (Σx)²/n formula.
/// </summary>
public readonly record struct Moments(long Count, double Mean, double SquaredDeviations)
{
    public Moments Add(double x)
    {
        var n = Count + 1;
        var delta = x - Mean;
        var mean = Mean + delta / n;
        return new Moments(n, mean, SquaredDeviations + delta * (x - mean));
    }

    public Moments Combine(Moments other)
    {
        if (other.Count == 0)
        {
            return this;
        }
        if (Count == 0)
        {
            return other;
        }
        var n = Count + other.Count;
        var delta = other.Mean - Mean;
        return new Moments(
            n,
            Mean + delta * other.Count / n,
            SquaredDeviations + other.SquaredDeviations + delta * delta * ((double)Count * other.Count / n));
    }

    public double Sum => Mean * Count;

    /// <summary>The sample variance (divisor n − 1); undefined below two values.</summary>
    public double? Variance => Count >= 2 ? SquaredDeviations / (Count - 1) : null;

    /// <summary>The standard error of the mean, s/√n; undefined below two values.</summary>
    public double? StandardErrorOfMean => Variance is { } v ? Math.Sqrt(v / Count) : null;
}
