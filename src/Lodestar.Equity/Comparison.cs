namespace Lodestar.Equity;

/// <summary>
/// One group against the reference: difference (group − reference) and ratio (group / reference) with limits and
/// two-sided p-values, and the NHQDR relative difference and class. Undefined figures (a ratio over a zero
/// reference, a test with zero standard error) are null rather than NaN.
/// </summary>
public readonly record struct Comparison(
    string Group,
    string Reference,
    double Value,
    double ReferenceValue,
    double Difference,
    double? DifferenceLower,
    double? DifferenceUpper,
    double? DifferenceP,
    double? Ratio,
    double? RatioLower,
    double? RatioUpper,
    double? RatioP,
    double? RelativeDifference,
    AhrqClass Class,
    string Note = "");
