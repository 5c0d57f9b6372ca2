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

    public static readonly IReadOnlyList<string> All =
        [InitialPopulation, Denominator, DenominatorExclusion, DenominatorException, Numerator];
}

/// <summary>One measure as declared in its YAML file.</summary>
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
    string Source)
{
    /// <summary>Whether the numerator counts something in the population a reader wants less of (e.g. poor HbA1c control).</summary>
    public bool LowerIsBetter => Direction == Direction.LowerIsBetter;
}
