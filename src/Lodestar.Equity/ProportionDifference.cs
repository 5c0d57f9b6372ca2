namespace Lodestar.Equity;

/// <summary>How <see cref="GroupComparison"/> bounds the difference of two proportions known as counts.</summary>
public enum ProportionDifference
{
    /// <summary>
    /// Newcombe's hybrid score interval (1998b method 10) from each group's Wilson limits, with the pooled score test
    /// for the p-value: it stays inside [−1, 1] and keeps a real width when a group is at 0% or 100%.
    /// </summary>
    Newcombe,

    /// <summary>HD*Calc's pair difference d ± z√(s² + s_ref²) (Newcombe 1998b method 1) and its z-test.</summary>
    Wald,
}
