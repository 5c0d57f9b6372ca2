namespace Lodestar.Equity;

/// <summary>
/// A directly standardised rate per <see cref="DsrOptions.Multiplier"/>. Value and limits are null when the rate is
/// blanked (too few events) or not estimable (a band with no population); <see cref="Note"/> says which.
/// </summary>
public readonly record struct DsrResult(
    double? Value,
    double? Lower,
    double? Upper,
    long Events,
    double Population,
    double? StandardError,
    DsrMethod Method,
    string Note);
