namespace Lodestar.Mission.Model;

/// <summary>Status of a measure against its target (rules in docs/missions.md, "Status rules").</summary>
internal enum GoalStatus
{
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
}
