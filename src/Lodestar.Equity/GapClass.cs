namespace Lodestar.Equity;

/// <summary>Whether the absolute gap between a group and the reference is shrinking over the periods.</summary>
public enum GapClass
{
    Narrowing,
    Widening,
    NoSignificantChange,
    NotEstimable,
}
