namespace Lodestar.Equity;

/// <summary>A crude rate per <c>multiplier</c> with its limits and the method that produced them.</summary>
public readonly record struct RateEstimate(double Value, double Lower, double Upper, RateMethod Method)
{
    public Estimate Estimate => new(Value, Lower, Upper);
}
