namespace Lodestar.Geography;

/// <summary>Population-based rates and representation indices built on the registry's denominators.</summary>
public static class Denominators
{
    /// <summary>Events per 100,000 people (crude rate); NaN when the population is not positive.</summary>
    public static double RatePer100000(long events, long population) =>
        population > 0 ? events * 100_000.0 / population : double.NaN;

    /// <summary>
    /// Representation index = a group's share of a cohort (graduates, trial participants, patients)
    /// ÷ its share of the state population; 1 = represented in proportion, &lt; 1 = under-represented.
    /// NaN when the group is absent from the state.
    /// </summary>
    public static double RepresentationIndex(long groupInCohort, long cohortTotal, UsState state, OmbGroup group)
    {
        ArgumentNullException.ThrowIfNull(state);
        var populationShare = state.Share(group);
        if (cohortTotal <= 0 || populationShare <= 0)
        {
            return double.NaN;
        }
        return (double)groupInCohort / cohortTotal / populationShare;
    }
}
