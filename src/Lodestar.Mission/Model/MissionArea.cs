namespace Lodestar.Mission.Model;

/// <summary>A mission area: care, education and workforce, research, community, state progress.</summary>
internal sealed record MissionArea(string Id, string Name, IReadOnlyList<Goal> Goals);
