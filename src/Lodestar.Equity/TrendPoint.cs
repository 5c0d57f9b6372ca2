namespace Lodestar.Equity;

/// <summary>One period of a series: the period (e.g. calendar year), the value and its standard error.</summary>
public readonly record struct TrendPoint(double Period, double Value, double StandardError);
