namespace Lodestar.Mission.State;

/// <summary>One state's standing on one cause: its level rank per year and its rate-of-progress rank.</summary>
internal sealed record StateRanking(
    string State,
    string Cause,
    IReadOnlyList<(int Year, double Rate, int Rank, double RatioToUs)> Levels,
    double Apc,
    double ApcLower,
    double ApcUpper,
    int ProgressRank,
    int StateCount);
