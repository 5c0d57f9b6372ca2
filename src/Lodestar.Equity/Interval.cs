namespace Lodestar.Equity;

/// <summary>A point estimate with its confidence limits, all on the same scale.</summary>
public readonly record struct Estimate(double Value, double Lower, double Upper);
