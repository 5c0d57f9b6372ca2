namespace Lodestar.Mission.Inputs;

/// <summary>One row of prevalence.csv: the share of the state's people with a condition who are in a group.</summary>
internal sealed record Prevalence(string Condition, string RaceEthnicity, double Share);
