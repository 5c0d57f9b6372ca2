namespace Lodestar.Mission.Measures;

/// <summary>
/// A computed measure: its yearly series (oldest first), the groups in the latest year and why it may be empty.
/// <paramref name="Note"/> explains a missing value ("no graduates in practice in the inputs").
/// </summary>
internal sealed record MeasureResult(string Title, string Unit, IReadOnlyList<YearValue> Series, IReadOnlyList<GroupValue> Groups, string? Note)
{
    public YearValue? Latest => Series.Count == 0 ? null : Series[^1];

    public static MeasureResult Empty(string title, string unit, string note) => new(title, unit, [], [], note);
}
