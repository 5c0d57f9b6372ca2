namespace Lodestar.Mission.Measures;

/// <summary>The largest gap between groups: the worst-off and best-off group and the absolute difference.</summary>
internal sealed record EquityGap(string Worst, double WorstValue, string Best, double BestValue)
{
    public double Difference => Math.Abs(BestValue - WorstValue);
}
