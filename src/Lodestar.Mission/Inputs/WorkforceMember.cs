namespace Lodestar.Mission.Inputs;

/// <summary>One row of workforce.csv: a person in post in a given year.</summary>
internal sealed record WorkforceMember(string Id, string Role, int Year, string Sex, string RaceEthnicity);
