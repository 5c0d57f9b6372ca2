namespace Lodestar.Equity;

/// <summary>
/// Annual percent change APC = 100(eᵐ − 1) of a log-linear fit ln r = b + m·period, with its interval
/// 100(e^(m ± t·SEm) − 1) and two-sided t-test p-value on n − 2 degrees of freedom (SEER*Stat trend algorithms).
/// </summary>
public readonly record struct TrendResult(double? Apc, double? Lower, double? Upper, double? PValue, int Periods, TrendClass Class, string Note);
