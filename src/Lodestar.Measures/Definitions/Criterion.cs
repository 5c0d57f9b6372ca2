namespace Lodestar.Measures.Definitions;

/// <summary>
/// The neutral measure plan: a tree of patient-level criteria that knows nothing of where it runs.
/// Each executor (the embedded bitmap engine, ClickHouse SQL) interprets the same tree
/// (microsoft/fhir-server's one-expression-tree, one-generator-per-store design).
/// Kept as one closed union in one file so every executor can switch over all of it.
/// </summary>
public abstract record Criterion;

/// <summary>Every child holds.</summary>
public sealed record AllOf(IReadOnlyList<Criterion> Children) : Criterion;

/// <summary>At least one child holds.</summary>
public sealed record AnyOf(IReadOnlyList<Criterion> Children) : Criterion;

/// <summary>The child does not hold.</summary>
public sealed record Not(Criterion Child) : Criterion;

/// <summary>Another population of the same measure (e.g. the denominator is the initial population).</summary>
public sealed record PopulationRef(string Population) : Criterion;

/// <summary>Age in completed years on a date relative to the period, within [Min, Max] (either may be open).</summary>
public sealed record AgeCriterion(DateAnchor At, int? Min, int? Max) : Criterion;

/// <summary>Administrative gender (FHIR Patient.gender) is one of the given codes.</summary>
public sealed record GenderCriterion(IReadOnlyList<string> Codes) : Criterion;

/// <summary>The patient died on or before a date relative to the period.</summary>
public sealed record DeceasedCriterion(DateAnchor OnOrBefore) : Criterion;

/// <summary>A condition coded in the value set whose prevalence period [onset, abatement] overlaps the window.</summary>
public sealed record ConditionCriterion(string ValueSet, Window Overlaps) : Criterion;

/// <summary>
/// At least <see cref="AtLeast"/> encounters whose type is in the value set (or, when no value set is
/// given, whose class is one of <see cref="Classes"/>) starting within the window.
/// </summary>
public sealed record EncounterCriterion(string? ValueSet, IReadOnlyList<string> Classes, Window During, int AtLeast) : Criterion;

public enum ObservationPick { Any, Latest }

/// <summary>
/// An observation in the value set within the window. With <see cref="Pick"/> = Latest the tests apply
/// to the most recent day's result (the lowest value on that day, as CMS165 takes the lowest systolic
/// and diastolic of the most recent day); with Any, some observation in the window passes every test.
/// No tests means "has such an observation". With <see cref="MissingPasses"/>, a picked observation
/// that lacks the tested value passes (CMS122 counts "most recent HbA1c without a result" as poor control).
/// </summary>
public sealed record ObservationCriterion(
    string ValueSet,
    Window During,
    ObservationPick Pick,
    ValueComparison? Value,
    ValueComparison? Systolic,
    ValueComparison? Diastolic,
    bool MissingPasses = false) : Criterion;

/// <summary>A procedure in the value set performed within the window.</summary>
public sealed record ProcedureCriterion(string ValueSet, Window During) : Criterion;

/// <summary>At least <see cref="AtLeast"/> administrations of vaccines in the value set within the window (distinct days).</summary>
public sealed record ImmunizationCriterion(string ValueSet, Window During, int AtLeast) : Criterion;

/// <summary>A medication in the value set ordered (authoredOn) within the window.</summary>
public sealed record MedicationCriterion(string ValueSet, Window During) : Criterion;

/// <summary>A coverage of one of the payer types active on the date.</summary>
public sealed record CoverageCriterion(IReadOnlyList<string> PayerTypes, DateAnchor At) : Criterion;

/// <summary>
/// An inpatient discharge in the window followed by another inpatient admission within
/// <see cref="WithinDays"/> days (the 30-day readmission relation).
/// </summary>
public sealed record ReadmissionCriterion(Window DischargedDuring, int WithinDays) : Criterion;

/// <summary>
/// Counts events, not patients, for ratio and rate-per-1000 measures (added for the utilisation measures).
/// <see cref="Event"/> is an <see cref="EncounterCriterion"/> (each matching encounter is one event; its
/// AtLeast is ignored) or a <see cref="ReadmissionCriterion"/> (each index discharge followed by a
/// readmission is one event). As a patient criterion it holds for patients with at least one event, so
/// patient populations keep eCQM semantics; a population whose criterion is an EventCount also reports
/// the number of events of its members (FHIR Measure ratio/continuous-variable "episode" counting).
/// </summary>
public sealed record EventCount(Criterion Event) : Criterion;

/// <summary>
/// An event dated within a number of days of another event of the same patient — an event-relative window,
/// e.g. a prenatal visit 0..90 days after the pregnancy's onset. Holds when some row meeting
/// <see cref="Anchor"/> and some row meeting <see cref="Event"/> (each with its own codes and window) are
/// <see cref="MinDays"/>..<see cref="MaxDays"/> days apart, counted as event date − anchor date. Both are
/// single-row criteria (<see cref="RelativeEvent.Dates"/>): a condition is dated by its onset (no onset, no
/// date), an encounter by its start, an observation by its effective date, a procedure by its performed
/// date, an immunization by its occurrence and a medication by its authoredOn.
/// </summary>
public sealed record RelativeEvent(Criterion Event, Criterion Anchor, int MinDays, int MaxDays) : Criterion
{
    /// <summary>Whether a criterion can date one side of a relation: a single-row event criterion without counts or value tests.</summary>
    public static bool Dates(Criterion criterion) => criterion switch
    {
        ConditionCriterion or ProcedureCriterion or MedicationCriterion => true,
        EncounterCriterion e => e.AtLeast == 1,
        ImmunizationCriterion i => i.AtLeast == 1,
        ObservationCriterion o => o.Pick == ObservationPick.Any && o.Value is null && o.Systolic is null && o.Diastolic is null,
        _ => false,
    };
}
