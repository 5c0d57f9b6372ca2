namespace Lodestar.Mission.Inputs;

/// <summary>One row of participants.csv: a person enrolled in a study.</summary>
internal sealed record Participant(string Id, string StudyId, int EnrolmentYear, string Sex, string RaceEthnicity, string? County);
