using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>Everything a worker needs to generate any person: read-only, shared across threads.</summary>
internal sealed class SynthPlan
{
    private readonly (int Index, ScenarioEffect Effect)[][] effectsByOutcome;

    public SynthPlan(SynthOptions options, PopulationModel population, CountyBoundaries boundaries)
    {
        Options = options;
        Population = population;
        Boundaries = boundaries;
        Scenario = options.Scenario;
        WindowStart = new DateOnly(options.FirstYear, 1, 1);
        AsOf = options.AsOf ?? new DateOnly(options.LastYear, 12, 31);
        Seed = options.Seed;
        StateAbbreviation = population.State.Abbreviation;
        StateMortality = ClinicalModel.StateMortalityFactor(StateAbbreviation);
        Medicaid = ClinicalModel.MedicaidShare(StateAbbreviation);
        effectsByOutcome = new (int, ScenarioEffect)[Outcomes.All.Count][];
        for (var o = 0; o < effectsByOutcome.Length; o++)
        {
            effectsByOutcome[o] = Scenario.Effects.Select((e, i) => (i, e)).Where(x => (int)x.e.Outcome == o).ToArray();
        }
        Baselines = Outcomes.All.Select(o => Scenario.BaselineOf(o)).ToArray();
    }

    public SynthOptions Options { get; }

    public PopulationModel Population { get; }

    public CountyBoundaries Boundaries { get; }

    public Scenario Scenario { get; }

    public DateOnly WindowStart { get; }

    public DateOnly AsOf { get; }

    public ulong Seed { get; }

    public string StateAbbreviation { get; }

    public double StateMortality { get; }

    public (double Children, double Adults) Medicaid { get; }

    public double[] Baselines { get; }

    public int FirstYear => Options.FirstYear;

    public int LastYear => Options.LastYear;

    /// <summary>The probability of <paramref name="outcome"/> for this person after every matching effect, clamped to [0, 1].</summary>
    public double Probability(Outcome outcome, in PersonTraits person, int ageAtYearEnd, double baseline)
    {
        var p = baseline;
        foreach (var (_, effect) in effectsByOutcome[(int)outcome])
        {
            if (effect.Who.Matches(person, ageAtYearEnd))
            {
                p = effect.Apply(p);
            }
        }
        return Math.Clamp(p, 0, outcome == Outcome.Uninsured ? 0.95 : 1);
    }

    public double Probability(Outcome outcome, in PersonTraits person, int ageAtYearEnd) =>
        Probability(outcome, person, ageAtYearEnd, Baselines[(int)outcome]);

    /// <summary>Counts one final-year draw of <paramref name="outcome"/> for the ground truth.</summary>
    public void Record(Tally tally, Outcome outcome, in PersonTraits person, int ageAtYearEnd, bool success)
    {
        tally.Outcomes[(int)outcome, 0]++;
        if (success)
        {
            tally.Outcomes[(int)outcome, 1]++;
        }
        foreach (var (index, effect) in effectsByOutcome[(int)outcome])
        {
            var offset = effect.Who.Matches(person, ageAtYearEnd) ? 0 : 2;
            tally.Effects[index, offset]++;
            if (success)
            {
                tally.Effects[index, offset + 1]++;
            }
        }
    }
}
