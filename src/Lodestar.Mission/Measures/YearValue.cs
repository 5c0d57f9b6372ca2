namespace Lodestar.Mission.Measures;

/// <summary>A measure's value for one year with its 95% interval and, where it is a count-based figure, its counts.</summary>
internal sealed record YearValue(int Year, double Value, double Lower, double Upper, long? Numerator = null, double? Denominator = null);
