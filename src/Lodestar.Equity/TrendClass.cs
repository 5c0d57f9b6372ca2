namespace Lodestar.Equity;

/// <summary>Direction of a trend, or of a gap between groups, judged by whether its interval excludes no change.</summary>
public enum TrendClass
{
    Improving,
    Worsening,
    NoSignificantChange,

    /// <summary>Too few periods, or a value the model cannot take (a rate of 0 on the log scale).</summary>
    NotEstimable,
}
