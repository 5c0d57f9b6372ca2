namespace Lodestar.Equity;

/// <summary>The counts behind a proportion reported as numerator / denominator × <see cref="Multiplier"/>.</summary>
public readonly record struct ProportionCounts(long Numerator, long Denominator, double Multiplier);
