using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>
/// Evaluates measures over a prepared workspace: populations in eCQM order, each as a patient bitmap,
/// then every stratum of every stratifier counted from the bitmaps. Stratifications are computed once
/// per period and shared by every measure.
/// </summary>
public sealed class MeasureEngine
{
    private readonly Lazy<EvaluationContext> lazyContext;
    private readonly ICriterionEvaluator evaluator;
    private readonly IStratumCounter? counter;

    public MeasureEngine(EvaluationContext context)
        : this(context, new CriterionEvaluator(context))
    {
    }

    public MeasureEngine(EvaluationContext context, ICriterionEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(evaluator);
        lazyContext = new Lazy<EvaluationContext>(context);
        this.evaluator = evaluator;
    }

    /// <summary>
    /// An engine whose counts come from <paramref name="counter"/> (a store counting strata where the data
    /// lives). The context — one row per patient — is opened only when member sets are asked for (care gaps,
    /// audits), through <paramref name="context"/>.
    /// </summary>
    public MeasureEngine(Func<EvaluationContext> context, ICriterionEvaluator evaluator, IStratumCounter counter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(counter);
        lazyContext = new Lazy<EvaluationContext>(context);
        this.evaluator = evaluator;
        this.counter = counter;
    }

    private EvaluationContext Context => lazyContext.Value;

    public IReadOnlyList<MeasureResult> Evaluate(IEnumerable<MeasureDefinition> measures, IEnumerable<Period> periods, IReadOnlyList<string>? stratifiers = null)
    {
        var results = new List<MeasureResult>();
        var measureList = measures.ToList();
        var wanted = stratifiers ?? MeasureParser.KnownStratifiers;
        if (counter is not null)
        {
            foreach (var id in wanted.Where(id => !MeasureParser.KnownStratifiers.Contains(id)))
            {
                throw new ArgumentOutOfRangeException(nameof(stratifiers), id, "unknown stratifier");
            }
            foreach (var period in periods)
            {
                var batch = measureList.Select(m => (m, (IReadOnlyList<string>)m.Stratifiers.Where(wanted.Contains).ToList())).ToList();
                var counted = counter.Count(batch, period);
                for (var i = 0; i < measureList.Count; i++)
                {
                    var (measure, counts) = (measureList[i], counted[i]);
                    results.Add(new MeasureResult(measure, period, counts.Group, counts.Stratifiers, new LazyMembers(() => Populations(measure, period))));
                }
            }
            return results;
        }
        foreach (var period in periods)
        {
            var strata = wanted.ToDictionary(id => id, id => Stratifiers.Compute(id, Context, period), StringComparer.Ordinal);
            foreach (var measure in measureList)
            {
                results.Add(Evaluate(measure, period, measure.Stratifiers.Where(strata.ContainsKey).Select(id => strata[id]).ToList()));
            }
        }
        return results;
    }

    public MeasureResult Evaluate(MeasureDefinition measure, Period period, IReadOnlyList<Stratification> stratifications)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(stratifications);
        var sets = Populations(measure, period);
        var events = Events(measure, period);
        var observed = Observations(measure, period, sets);
        var group = Count(sets, events, observed, null);
        var stratifierResults = new List<StratifierResult>(stratifications.Count);
        foreach (var s in stratifications)
        {
            var counts = Count(sets, events, observed, s);
            stratifierResults.Add(new StratifierResult(s.Id, s.Label, s.Strata.Select((stratum, i) => new StratumResult(stratum, counts[i])).ToList()));
        }
        return new MeasureResult(measure, period, group[0], stratifierResults, sets);
    }

    /// <summary>
    /// The populations with eCQM semantics: denominator ⊆ initial population; exclusions ⊆ denominator;
    /// numerator excludes the excluded; exceptions apply only to those not meeting the numerator.
    /// </summary>
    public IReadOnlyDictionary<string, PatientSet> Populations(MeasureDefinition measure, Period period)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var sets = new Dictionary<string, PatientSet>(StringComparer.Ordinal);
        var none = new PatientSet(Context.PatientCount);
        PatientSet Eval(string population) =>
            measure.Populations.TryGetValue(population, out var criterion) ? evaluator.Evaluate(criterion, period, sets) : none;

        var ip = Eval(PopulationCodes.InitialPopulation);
        sets[PopulationCodes.InitialPopulation] = ip;
        if (measure.Scoring == Scoring.Continuous)
        {
            // FHIR continuous-variable: measure population ⊆ initial population; exclusions ⊆ measure population.
            var measurePopulation = Eval(PopulationCodes.MeasurePopulation).And(ip);
            sets[PopulationCodes.MeasurePopulation] = measurePopulation;
            sets[PopulationCodes.MeasurePopulationExclusion] = Eval(PopulationCodes.MeasurePopulationExclusion).And(measurePopulation);
            return sets;
        }
        var denominator = measure.Populations.ContainsKey(PopulationCodes.Denominator) ? Eval(PopulationCodes.Denominator).And(ip) : ip;
        sets[PopulationCodes.Denominator] = denominator;
        var exclusion = Eval(PopulationCodes.DenominatorExclusion).And(denominator);
        sets[PopulationCodes.DenominatorExclusion] = exclusion;
        var numerator = Eval(PopulationCodes.Numerator).And(denominator).AndNot(exclusion);
        sets[PopulationCodes.Numerator] = numerator;
        sets[PopulationCodes.DenominatorException] = Eval(PopulationCodes.DenominatorException).And(denominator).AndNot(exclusion).AndNot(numerator);
        return sets;
    }

    /// <summary>
    /// Events per patient for each population defined by an <see cref="EventCount"/> (ratio and rate
    /// measures); empty for patient-based measures. Members are still the population's patient set, so a
    /// population's events are those of its members (e.g. the numerator's ED visits exclude excluded patients).
    /// </summary>
    public IReadOnlyDictionary<string, EventTally> Events(MeasureDefinition measure, Period period)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var events = new Dictionary<string, EventTally>(StringComparer.Ordinal);
        foreach (var (population, criterion) in measure.Populations)
        {
            if (CountedEvents(criterion) is { } e)
            {
                events[population] = evaluator.EventsPerPatient(e, period);
            }
        }
        return events;
    }

    /// <summary>
    /// A continuous measure's observations with the patients they are counted for (measure population −
    /// exclusions); null for other measures. An executor that cannot observe refuses the measure.
    /// </summary>
    public (ObservationTally Tally, PatientSet Members)? Observations(MeasureDefinition measure, Period period, IReadOnlyDictionary<string, PatientSet> sets)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(sets);
        if (measure.Scoring != Scoring.Continuous)
        {
            return null;
        }
        if (evaluator is not IObservationEvaluator observer)
        {
            throw new UserErrorException($"{measure.Id}: continuous measures are not supported on this back end; run it with the embedded engine");
        }
        var members = sets[PopulationCodes.MeasurePopulation].AndNot(sets[PopulationCodes.MeasurePopulationExclusion]);
        return (observer.Observe(measure.Observation!, period), members);
    }

    /// <summary>
    /// The events a population counts: its criterion is an <see cref="EventCount"/>, or an
    /// <see cref="AllOf"/> with exactly one EventCount child (the other children filter the patients).
    /// </summary>
    public static EventCount? CountedEvents(Criterion criterion) => criterion switch
    {
        EventCount e => e,
        AllOf a when a.Children.OfType<EventCount>().Count() == 1 => a.Children.OfType<EventCount>().Single(),
        _ => null,
    };

    private static List<PopulationCounts> Count(
        IReadOnlyDictionary<string, PatientSet> sets,
        IReadOnlyDictionary<string, EventTally> events,
        (ObservationTally Tally, PatientSet Members)? observed,
        Stratification? stratification)
    {
        var strata = stratification?.Strata.Count ?? 1;
        var stratumOf = stratification?.StratumOf ?? new int[sets[PopulationCodes.InitialPopulation].Count];
        var perPopulation = sets.ToDictionary(kv => kv.Key, kv => kv.Value.CountBy(stratumOf, strata), StringComparer.Ordinal);
        var perEvents = events.ToDictionary(kv => kv.Key, kv => kv.Value.SumBy(sets[kv.Key], stratumOf, strata), StringComparer.Ordinal);
        var samples = observed is { } o ? o.Tally.SamplesBy(o.Members, stratumOf, strata) : null;
        return Enumerable.Range(0, strata)
            .Select(i => new PopulationCounts(
                perPopulation.ToDictionary(kv => kv.Key, kv => kv.Value[i], StringComparer.Ordinal),
                perEvents.Count == 0 ? null : perEvents.ToDictionary(kv => kv.Key, kv => kv.Value[i], StringComparer.Ordinal),
                samples?[i]))
            .ToList();
    }
}
