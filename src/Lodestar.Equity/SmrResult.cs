namespace Lodestar.Equity;

/// <summary>
/// An indirectly standardised ratio O/E × <c>refValue</c> (SMR), with its limits and the method used for the
/// observed count's limits. <see cref="Rate"/> is the indirectly standardised rate (ratio × crude reference rate).
/// </summary>
public readonly record struct SmrResult(long Observed, double Expected, Estimate Ratio, Estimate Rate, RateMethod Method);
