namespace Lodestar.Equity;

/// <summary>Which way is good for an indicator.</summary>
public enum Direction
{
    /// <summary>Higher values are worse (deaths, disease, uninsured): the default for health outcomes.</summary>
    HigherIsWorse,

    /// <summary>Higher values are better (screening, vaccination, receipt of care).</summary>
    HigherIsBetter,
}
