using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>
/// Where criteria are evaluated: the embedded bitmaps (<see cref="CriterionEvaluator"/>) or a store such as
/// ClickHouse. Population semantics, stratification and care gaps stay in <see cref="MeasureEngine"/> and
/// <see cref="CareGaps"/>, so every executor shares them and answers the same.
/// </summary>
public interface ICriterionEvaluator
{
    /// <summary>The patients (rows of the context's patient table) meeting the criterion; references resolve to <paramref name="populations"/>.</summary>
    PatientSet Evaluate(Criterion criterion, Period period, IReadOnlyDictionary<string, PatientSet> populations);

    /// <summary>Events per patient for a population counted in events (ratio and rate-per-1000 measures).</summary>
    EventTally EventsPerPatient(EventCount counted, Period period);
}
