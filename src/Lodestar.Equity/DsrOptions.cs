namespace Lodestar.Equity;

/// <summary>Settings for <see cref="DirectStandardisation"/>.</summary>
public sealed record DsrOptions
{
    /// <summary>Rates are reported per this many (default 100,000).</summary>
    public double Multiplier { get; init; } = 100_000;

    public double Confidence { get; init; } = 0.95;

    public DsrMethod Method { get; init; } = DsrMethod.FayFeuer;

    /// <summary>
    /// Blank the rate when the total count is below this. Null means the method's own convention: 10 for Dobson
    /// (PHE: "dsr NA for total count &lt; 10"), none for the gamma methods (NCHS flags rather than blanks).
    /// </summary>
    public long? MinimumEvents { get; init; }

    /// <summary>NCHS flags rates from fewer than 20 deaths as unreliable (relative standard error ≥ 23%).</summary>
    public long UnreliableBelow { get; init; } = 20;
}
