namespace Lodestar.Measures.Definitions;

public enum Scoring { Proportion, Ratio, RatePer1000, Continuous }

public enum Direction { HigherIsBetter, LowerIsBetter }

/// <summary>The population names used in FHIR MeasureReport (measure-population code system).</summary>
public static class PopulationCodes
{
    public const string InitialPopulation = "initial-population";
    public const string Denominator = "denominator";
    public const string DenominatorExclusion = "denominator-exclusion";
    public const string DenominatorException = "denominator-exception";
    public const string Numerator = "numerator";
    public const string NumeratorExclusion = "numerator-exclusion";
    public const string MeasurePopulation = "measure-population";
    public const string MeasurePopulationExclusion = "measure-population-exclusion";
    public const string MeasureObservation = "measure-observation";

    /// <summary>The patient populations of a proportion, ratio or rate measure, in eCQM order.</summary>
    public static readonly IReadOnlyList<string> All =
        [InitialPopulation, Denominator, DenominatorExclusion, DenominatorException, Numerator];

    /// <summary>The patient populations of a continuous-variable measure, in order (FHIR Measure continuous-variable scoring).</summary>
    public static readonly IReadOnlyList<string> Continuous =
        [InitialPopulation, MeasurePopulation, MeasurePopulationExclusion];

    /// <summary>The patient populations a measure of this scoring has, in the order each may refer to the earlier ones.</summary>
    public static IReadOnlyList<string> For(Scoring scoring) => scoring == Scoring.Continuous ? Continuous : All;
}

/// <summary>
/// One measure as declared in its YAML file. A continuous measure also has its <see cref="Observation"/>: what
/// is measured for each member of the measure population and how the values are aggregated.
/// </summary>
public sealed record MeasureDefinition(
    string Id,
    string Title,
    string Description,
    string MissionArea,
    string Reference,
    Scoring Scoring,
    Direction Direction,
    IReadOnlyDictionary<string, Criterion> Populations,
    IReadOnlyList<string> Stratifiers,
    IReadOnlyList<string> Deviations,
    string Source,
    MeasureObservation? Observation = null)
{
    /// <summary>Whether the numerator counts something in the population a reader wants less of (e.g. poor HbA1c control).</summary>
    public bool LowerIsBetter => Direction == Direction.LowerIsBetter;
}
