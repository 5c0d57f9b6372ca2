namespace Lodestar.Mission.Inputs;

/// <summary>One row of learners.csv (schema in docs/missions.md).</summary>
internal sealed record Learner(string Id, string Program, int EntryYear, int? GraduationYear, string Sex, string RaceEthnicity,
    string? HomeCounty, string? PracticeState, string? PracticeCounty, string? Specialty);
