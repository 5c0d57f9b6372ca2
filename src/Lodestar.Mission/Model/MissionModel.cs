namespace Lodestar.Mission.Model;

/// <summary>One institution's mission as areas, goals and measures with targets (docs/missions.md).</summary>
internal sealed record MissionModel(Institution Institution, IReadOnlyList<MissionArea> Areas, IReadOnlyList<Unmeasurable> Unmeasurable)
{
    public IEnumerable<(MissionArea Area, Goal Goal, MeasureTarget Measure)> AllMeasures() =>
        from a in Areas from g in a.Goals from m in g.Measures select (a, g, m);
}
