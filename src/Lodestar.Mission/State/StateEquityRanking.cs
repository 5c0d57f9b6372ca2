namespace Lodestar.Mission.State;

/// <summary>
/// A state's equity on one indicator: its groups, the worst-off and best-off group among those at least 1% of the state,
/// the population-weighted between-group variance (BGV) with its interval, and the state's rank on BGV among
/// <paramref name="StateCount"/> states (1 = smallest: the most equal).
/// </summary>
internal sealed record StateEquityRanking(
    string State,
    EquityIndicator Indicator,
    IReadOnlyList<GroupEquity> Groups,
    GroupEquity Worst,
    GroupEquity Best,
    double Bgv,
    double BgvLower,
    double BgvUpper,
    int Rank,
    int StateCount)
{
    /// <summary>√BGV: the population-weighted standard deviation of the group values, in the indicator's own unit.</summary>
    public double Spread => Math.Sqrt(Bgv);
}
