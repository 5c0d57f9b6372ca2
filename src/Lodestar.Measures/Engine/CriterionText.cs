using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>Plain-language descriptions of criteria, for care-gap reasons and documentation.</summary>
public static class CriterionText
{
    public static string Describe(Criterion criterion) => criterion switch
    {
        AllOf a => string.Join(" and ", a.Children.Select(Describe)),
        AnyOf a => "one of: " + string.Join("; ", a.Children.Select(Describe)),
        Not n => "no " + Describe(n.Child),
        PopulationRef p => "in the " + p.Population.Replace('-', ' '),
        AgeCriterion a => a switch
        {
            { Min: { } min, Max: { } max } => $"aged {min}–{max} at {a.At}",
            { Min: { } min } => $"aged {min} or over at {a.At}",
            _ => $"aged {a.Max} or under at {a.At}",
        },
        GenderCriterion g => "gender " + string.Join(" or ", g.Codes),
        DeceasedCriterion d => $"died on or before {d.OnOrBefore}",
        ConditionCriterion c => $"{c.ValueSet} diagnosis overlapping {c.Overlaps}",
        EncounterCriterion e => (e.AtLeast > 1 ? $"{e.AtLeast}+ " : "") + $"{e.ValueSet ?? string.Join("/", e.Classes)} encounter during {e.During}",
        ObservationCriterion o => Observation(o),
        ProcedureCriterion p => $"{p.ValueSet} during {p.During}",
        ImmunizationCriterion i => (i.AtLeast > 1 ? $"{i.AtLeast} doses of " : "") + $"{i.ValueSet} during {i.During}",
        MedicationCriterion m => $"{m.ValueSet} ordered during {m.During}",
        CoverageCriterion c => $"{string.Join("/", c.PayerTypes)} coverage at {c.At}",
        ReadmissionCriterion r => $"readmitted within {r.WithinDays} days of a discharge during {r.DischargedDuring}",
        EventCount e => "each " + Describe(e.Event),
        RelativeEvent r => $"{Describe(r.Event)}, {Days(r.MinDays, r.MaxDays)} {Describe(r.Anchor)}",
        _ => criterion.GetType().Name,
    };

    /// <summary>"0–90 days after", "within 7 days before" and the like, for event date − anchor date in [min, max].</summary>
    private static string Days(int min, int max) => (min, max) switch
    {
        ( >= 0, _) => $"{min}–{max} days after",
        (_, <= 0) => $"{-max}–{-min} days before",
        _ => $"from {-min} days before to {max} days after",
    };

    private static string Observation(ObservationCriterion o)
    {
        var tests = new List<string>();
        if (o.Value is not null) { tests.Add("value " + o.Value); }
        if (o.Systolic is not null) { tests.Add("systolic " + o.Systolic); }
        if (o.Diastolic is not null) { tests.Add("diastolic " + o.Diastolic); }
        var which = o.Pick == ObservationPick.Latest ? "latest " : "";
        var text = $"{which}{o.ValueSet} during {o.During}";
        return tests.Count == 0 ? text : text + " with " + string.Join(", ", tests);
    }
}
