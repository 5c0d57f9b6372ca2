namespace Lodestar.Measures.Definitions;

/// <summary>
/// What a continuous measure observes for a member of its measure population. Like <see cref="Criterion"/>,
/// a closed union in one file so every executor can switch over all of it.
/// </summary>
public abstract record ObservationFunction;

/// <summary>
/// Length of stay in days (discharge day − admission day; a same-day stay is 0) of every encounter meeting
/// <see cref="Encounters"/>: one observation per encounter (episode-based). An encounter without an end, or
/// ending before it starts, has no length and gives no observation.
/// </summary>
public sealed record LengthOfStay(EncounterCriterion Encounters) : ObservationFunction;

/// <summary>
/// Days from a patient's earliest <see cref="From"/> row to the first <see cref="To"/> row on or after that day
/// (0 on the same day): one observation per patient, e.g. diagnosis to follow-up. Both sides are dated
/// single-row criteria (<see cref="RelativeEvent.Dates"/>); a patient with no <see cref="To"/> row on or after
/// the first <see cref="From"/> row has no observation.
/// </summary>
public sealed record DaysBetween(Criterion From, Criterion To) : ObservationFunction;
