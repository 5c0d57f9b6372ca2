namespace Lodestar.Equity;

/// <summary>How the reference group of a comparison is picked.</summary>
public enum ReferenceChoice
{
    /// <summary>The group the user names.</summary>
    Named,

    /// <summary>The group with the most favourable value (lowest if higher is worse). Ties: first in input order.</summary>
    MostFavourable,

    /// <summary>The group with the largest population (NHQDR usually compares with the largest group). Ties: first in input order.</summary>
    Largest,
}
