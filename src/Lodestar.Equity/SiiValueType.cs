namespace Lodestar.Equity;

/// <summary>How PHE's simulation draws a group's value (phe_sii value_type).</summary>
public enum SiiValueType
{
    /// <summary>Normal on the natural scale (life expectancy, scores).</summary>
    Other,

    /// <summary>Normal on the log scale, back-transformed (rates); the SE is on the log scale.</summary>
    Rate,

    /// <summary>Normal on the logit scale, back-transformed (proportions in 0..1); the SE is on the logit scale.</summary>
    Proportion,
}
