namespace Lodestar.Mission.Model;

/// <summary>One measure attached to a goal, with the accountability the institution sets for it.</summary>
/// <param name="Measure">A mission measure id (see docs/missions.md), <c>clinical:&lt;id&gt;</c> or <c>state:&lt;indicator&gt;</c>.</param>
/// <param name="Parameters">Measure parameters (program, role, condition, activity, cause…), all strings.</param>
internal sealed record MeasureTarget(
    string Measure,
    IReadOnlyDictionary<string, string> Parameters,
    double? Baseline,
    int? BaselineYear,
    double Target,
    int TargetYear,
    GoalDirection Direction,
    string Owner,
    string? Narrative)
{
    public string Key => Parameters.Count == 0 ? Measure
        : Measure + "(" + string.Join(",", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + ")";
}
