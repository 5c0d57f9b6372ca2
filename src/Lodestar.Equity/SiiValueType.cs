namespace Lodestar.Equity;

/// <summary>How PHE's simulation draws a group's value (phe_sii value_type).</summary>
public enum SiiValueType
{
    /// <summary>Normal on the natural scale (life expectancy, scores).</summary>
    Other,

    /// <summary>Normal on the log scale, back-transformed (rates); the natural-scale SE is carried there as s/r.</summary>
    Rate,

    /// <summary>Normal on the logit scale, back-transformed (proportions); the natural-scale SE is carried there as s/(p(1 − p)).</summary>
    Proportion,
}
