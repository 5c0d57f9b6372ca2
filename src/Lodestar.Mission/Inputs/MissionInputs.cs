namespace Lodestar.Mission.Inputs;

/// <summary>All non-clinical inputs read from one folder, with per-file counts.</summary>
internal sealed record MissionInputs(
    IReadOnlyList<Learner> Learners,
    IReadOnlyList<WorkforceMember> Workforce,
    IReadOnlyList<Study> Studies,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Prevalence> Prevalence,
    IReadOnlyList<OutreachActivity> Outreach,
    IReadOnlyList<FileSummary> Files);
