namespace Lodestar.Equity;

/// <summary>How the limits of a Poisson count are found.</summary>
public enum RateMethod
{
    /// <summary>Exact below 10 events, Byar from 10 (PHEindicatormethods / Fingertips).</summary>
    Auto,

    /// <summary>Exact Poisson (Garwood) limits from the gamma distribution.</summary>
    Exact,

    /// <summary>Byar's approximation (Breslow &amp; Day 1987).</summary>
    Byar,
}
