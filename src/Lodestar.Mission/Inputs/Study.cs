namespace Lodestar.Mission.Inputs;

/// <summary>One row of studies.csv.</summary>
internal sealed record Study(string Id, string Title, string Condition, int StartYear, bool CommunityPartner);
