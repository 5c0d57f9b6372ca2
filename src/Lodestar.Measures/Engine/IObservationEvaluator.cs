using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>
/// An executor that can evaluate a continuous measure's measure-observation. Kept apart from
/// <see cref="ICriterionEvaluator"/> so an executor without it (ClickHouse, today) still evaluates every other
/// measure, and <see cref="MeasureEngine"/> refuses continuous measures on it with a user error.
/// </summary>
public interface IObservationEvaluator
{
    /// <summary>The observed values of every patient (those outside the function's events have none).</summary>
    ObservationTally Observe(MeasureObservation observation, Period period);
}
