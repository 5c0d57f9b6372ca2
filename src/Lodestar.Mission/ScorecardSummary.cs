namespace Lodestar.Mission;

/// <summary>What a scorecard run produced: where, and how many measures in each status.</summary>
public sealed record ScorecardSummary(string Institution, string OutputDirectory, int Measures, int OnTrack, int AtRisk, int OffTrack, int NoData, long RejectedRows);
