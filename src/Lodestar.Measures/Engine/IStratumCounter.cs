using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>
/// Counts a measure's populations per stratum where the data lives (a cluster's GROUP BY) instead of from
/// patient bitmaps in this process. Must answer exactly what <see cref="MeasureEngine"/> counts from
/// <see cref="Stratifiers"/> and the evaluator's sets: same strata (every stratum any patient falls in, in
/// <see cref="Stratifiers.Ordered"/> order), same codes and labels, same population and event counts.
/// </summary>
public interface IStratumCounter
{
    /// <summary>Group and per-stratifier counts for one measure and period; <paramref name="stratifiers"/> are known ids in the measure's order.</summary>
    StratifiedCounts Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers);

    /// <summary>
    /// Counts for several measures of one period, in their order. A store that can share work between measures
    /// (reading each table once for all of them) answers them together; by default each is counted alone.
    /// </summary>
    IReadOnlyList<StratifiedCounts> Count(IReadOnlyList<(MeasureDefinition Measure, IReadOnlyList<string> Stratifiers)> measures, Period period) =>
        measures.Select(m => Count(m.Measure, period, m.Stratifiers)).ToList();
}
