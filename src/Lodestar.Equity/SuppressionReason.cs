namespace Lodestar.Equity;

/// <summary>Why a value is withheld.</summary>
public enum SuppressionReason
{
    /// <summary>Shown.</summary>
    None,

    /// <summary>The count itself is below the threshold (CMS: 1–10 may not be shown).</summary>
    Primary,

    /// <summary>Shown cells would let a reader recover a primary-suppressed cell by subtraction, so this one is withheld too.</summary>
    Complementary,
}
