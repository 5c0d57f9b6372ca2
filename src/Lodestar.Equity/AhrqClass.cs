namespace Lodestar.Equity;

/// <summary>AHRQ National Healthcare Quality and Disparities Report classification of a group against the reference.</summary>
public enum AhrqClass
{
    /// <summary>The reference group itself.</summary>
    Reference,

    /// <summary>Significantly better (p &lt; 0.05) and at least 10% different.</summary>
    Better,

    /// <summary>Not both significant and at least 10% different.</summary>
    Same,

    /// <summary>Significantly worse (p &lt; 0.05) and at least 10% different.</summary>
    Worse,

    /// <summary>Cannot be classified: the relative difference or the test is not defined (e.g. a reference of 0).</summary>
    NotClassified,
}
