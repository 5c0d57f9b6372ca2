namespace Lodestar.Equity;

/// <summary>
/// The change per period of the absolute gap (group − reference), from a least-squares line through the per-period
/// differences, with its t interval; narrowing when the slope is significant and points toward zero gap.
/// </summary>
public readonly record struct GapResult(double? FirstGap, double? LastGap, double? Slope, double? Lower, double? Upper, double? PValue, GapClass Class, string Note);
