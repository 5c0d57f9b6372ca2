namespace Lodestar.Mission.Inputs;

/// <summary>One row of outreach.csv: people of one group and insurance status reached by one event.</summary>
internal sealed record OutreachActivity(string EventId, DateOnly Date, string Activity, string County, string RaceEthnicity, string Insured, long People);
