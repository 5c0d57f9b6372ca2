namespace Lodestar.Equity;

/// <summary>The reference rate of the (unweighted) index of disparity.</summary>
public enum IdispReference
{
    /// <summary>The total population's rate μ (Pearcy &amp; Keppel with the total as reference; WHO idisu; reproduces Chesson et al. 2017).</summary>
    Total,

    /// <summary>The most favourable group's rate (Healthy People 2010 practice for adverse outcomes).</summary>
    MostFavourable,

    /// <summary>A named group.</summary>
    Named,
}
