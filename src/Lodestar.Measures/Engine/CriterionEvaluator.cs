using Lodestar.Measures.Definitions;
using Lodestar.Tables;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.Measures.Engine;

/// <summary>
/// The embedded executor: turns each criterion into a <see cref="PatientSet"/> with one columnar pass
/// over its table, then combines sets with boolean algebra. A missing optional table (say, no
/// immunizations in this export) means no patient meets criteria on it, not an error.
/// </summary>
public sealed class CriterionEvaluator(EvaluationContext context) : ICriterionEvaluator, IObservationEvaluator
{
    public ObservationTally Observe(MeasureObservation observation, Period period)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var values = new List<(int Patient, double Value)>();
        switch (observation.Function)
        {
            case LengthOfStay los:
                if (context.HasTable(S.Encounter))
                {
                    var table = context.Table(S.Encounter);
                    var start = table.Get<DateColumn>(S.Start);
                    var end = table.Get<DateColumn>(S.End);
                    EncounterEvents(los.Encounters, period, (p, row) =>
                    {
                        // An open stay has no length yet; one ending before it starts is a data error, not a negative stay.
                        if (!end.IsNull(row) && end.Days[row] >= start.Days[row])
                        {
                            values.Add((p, end.Days[row] - start.Days[row]));
                        }
                    });
                }
                break;
            case DaysBetween between:
                DaysBetween(between, period, values);
                break;
            default:
                throw new NotSupportedException(observation.Function.GetType().Name);
        }
        return ObservationTally.From(context.PatientCount, values);
    }

    /// <summary>Per patient: days from the earliest 'from' day to the first 'to' day on or after it.</summary>
    private void DaysBetween(DaysBetween between, Period period, List<(int Patient, double Value)> values)
    {
        var from = new int[context.PatientCount];
        Array.Fill(from, int.MaxValue);
        EventDays(between.From, period, (p, day) => from[p] = Math.Min(from[p], day));
        var to = new int[context.PatientCount];
        Array.Fill(to, int.MaxValue);
        EventDays(between.To, period, (p, day) =>
        {
            if (day >= from[p] && from[p] != int.MaxValue)
            {
                to[p] = Math.Min(to[p], day);
            }
        });
        for (var p = 0; p < to.Length; p++)
        {
            if (to[p] != int.MaxValue)
            {
                values.Add((p, to[p] - from[p]));
            }
        }
    }

    public PatientSet Evaluate(Criterion criterion, Period period, IReadOnlyDictionary<string, PatientSet> populations)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return criterion switch
        {
            AllOf a => a.Children.Select(c => Evaluate(c, period, populations)).Aggregate((x, y) => x.And(y)),
            AnyOf a => a.Children.Select(c => Evaluate(c, period, populations)).Aggregate((x, y) => x.Or(y)),
            Not n => Evaluate(n.Child, period, populations).Not(),
            PopulationRef p => populations[p.Population],
            AgeCriterion a => Age(a, period),
            GenderCriterion g => Gender(g),
            DeceasedCriterion d => Deceased(d, period),
            ConditionCriterion c => Condition(c, period),
            EncounterCriterion e => Encounter(e, period),
            ObservationCriterion o => Observation(o, period),
            ProcedureCriterion p => Dated(S.Procedure, S.Performed, p.ValueSet, p.During.Resolve(period), 1),
            ImmunizationCriterion i => Dated(S.Immunization, S.Occurrence, i.ValueSet, i.During.Resolve(period), i.AtLeast),
            MedicationCriterion m => Dated(S.MedicationRequest, S.Authored, m.ValueSet, m.During.Resolve(period), 1),
            CoverageCriterion c => Coverage(c, period),
            ReadmissionCriterion r => Readmission(r, period),
            EventCount e => EventsPerPatient(e, period).ToSet(context.PatientCount),
            RelativeEvent r => Relative(r, period),
            _ => throw new NotSupportedException(criterion.GetType().Name),
        };
    }

    private PatientSet Empty() => new(context.PatientCount);

    private PatientSet Age(AgeCriterion a, Period period)
    {
        var at = a.At.Resolve(period);
        var set = Empty();
        for (var p = 0; p < context.PatientCount; p++)
        {
            if (context.Age(p, at) is { } age && age >= (a.Min ?? int.MinValue) && age <= (a.Max ?? int.MaxValue))
            {
                set.Add(p);
            }
        }
        return set;
    }

    private PatientSet Gender(GenderCriterion g)
    {
        var column = context.Patients.Get<StringColumn>(S.Gender);
        var match = column.Match(v => g.Codes.Contains(v, StringComparer.OrdinalIgnoreCase));
        var set = Empty();
        for (var p = 0; p < column.Count; p++)
        {
            if (column.Codes[p] >= 0 && match[column.Codes[p]])
            {
                set.Add(p);
            }
        }
        return set;
    }

    private PatientSet Deceased(DeceasedCriterion d, Period period)
    {
        var limit = d.OnOrBefore.Resolve(period).DayNumber;
        var column = context.Patients.Get<DateColumn>(S.DeceasedDate);
        // deceasedBoolean true without a date: dead, date unknown, so dead by any date.
        var flag = context.Patients.Has(S.Deceased) ? context.Patients.Get<BoolColumn>(S.Deceased) : null;
        var set = Empty();
        for (var p = 0; p < column.Count; p++)
        {
            if (column.IsNull(p) ? flag is not null && !flag.IsNull(p) && flag.Values[p] : column.Days[p] <= limit)
            {
                set.Add(p);
            }
        }
        return set;
    }

    /// <summary>Prevalence period [onset, abatement] overlaps the window; a refuted or entered-in-error diagnosis never counts.</summary>
    private PatientSet Condition(ConditionCriterion c, Period period)
    {
        var set = Empty();
        ConditionRows(c, period, (p, _) => set.Add(p));
        return set;
    }

    /// <summary>Calls <paramref name="onRow"/> with (patient, row) for every condition row meeting the criterion.</summary>
    private void ConditionRows(ConditionCriterion c, Period period, Action<int, int> onRow)
    {
        if (!context.HasTable(S.Condition))
        {
            return;
        }
        var window = c.Overlaps.Resolve(period);
        var table = context.Table(S.Condition);
        var codes = table.Get<StringListColumn>(S.CodesOf(table.Name));
        var match = context.Match(S.Condition, c.ValueSet);
        var onset = table.Get<DateColumn>(S.Onset);
        var abatement = table.Get<DateColumn>(S.Abatement);
        var refuted = table.Has(S.VerificationStatus)
            ? table.Get<StringColumn>(S.VerificationStatus).Match(v => v is "refuted" or "entered-in-error")
            : null;
        var verification = refuted is null ? null : table.Get<StringColumn>(S.VerificationStatus);
        var rows = context.PatientRows(S.Condition);
        var start = window.Start.DayNumber;
        var end = window.End.DayNumber;
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] < 0 || !codes.AnyIn(r, match))
            {
                continue;
            }
            if (verification is not null && verification.Codes[r] >= 0 && refuted![verification.Codes[r]])
            {
                continue;
            }
            // An unknown onset is treated as "before the window" (the condition is on the problem list).
            var begins = onset.IsNull(r) ? int.MinValue : onset.Days[r];
            var ends = abatement.IsNull(r) ? int.MaxValue : abatement.Days[r];
            if (begins <= end && ends >= start)
            {
                onRow(rows[r], r);
            }
        }
    }

    private PatientSet Encounter(EncounterCriterion e, Period period)
    {
        var set = Empty();
        var counts = e.AtLeast > 1 ? new int[context.PatientCount] : null;
        EncounterEvents(e, period, (p, _) =>
        {
            if (counts is null || ++counts[p] >= e.AtLeast)
            {
                set.Add(p);
            }
        });
        return set;
    }

    /// <summary>
    /// Events per patient for an <see cref="EventCount"/>: encounters matching the criterion, or index
    /// discharges followed by a readmission. Patients outside every event have zero.
    /// </summary>
    public EventTally EventsPerPatient(EventCount e, Period period)
    {
        ArgumentNullException.ThrowIfNull(e);
        var counts = new int[context.PatientCount];
        switch (e.Event)
        {
            case EncounterCriterion enc:
                EncounterEvents(enc, period, (p, _) => counts[p]++);
                break;
            case ReadmissionCriterion r:
                Readmissions(r, period, p => counts[p]++);
                break;
            default:
                throw new NotSupportedException($"events of {e.Event.GetType().Name}");
        }
        return new EventTally(counts);
    }

    /// <summary>Calls <paramref name="onEvent"/> with (patient, row) for every encounter meeting the criterion's type, class and window.</summary>
    private void EncounterEvents(EncounterCriterion e, Period period, Action<int, int> onEvent)
    {
        if (!context.HasTable(S.Encounter))
        {
            return;
        }
        var window = e.During.Resolve(period);
        var table = context.Table(S.Encounter);
        var rows = context.PatientRows(S.Encounter);
        var types = table.Get<StringListColumn>(S.CodesOf(table.Name));
        var typeMatch = e.ValueSet is null ? null : context.Match(S.Encounter, e.ValueSet);
        var classColumn = table.Get<StringColumn>(S.Class);
        var classMatch = e.Classes.Count == 0 ? null : classColumn.Match(v => e.Classes.Contains(v, StringComparer.OrdinalIgnoreCase));
        var start = table.Get<DateColumn>(S.Start);
        for (var r = 0; r < rows.Length; r++)
        {
            var p = rows[r];
            if (p < 0 || start.IsNull(r) || !window.Contains(start.Days[r]))
            {
                continue;
            }
            if (typeMatch is not null && !types.AnyIn(r, typeMatch))
            {
                continue;
            }
            if (classMatch is not null && (classColumn.Codes[r] < 0 || !classMatch[classColumn.Codes[r]]))
            {
                continue;
            }
            onEvent(p, r);
        }
    }

    private PatientSet Observation(ObservationCriterion o, Period period)
    {
        var set = Empty();
        if (!context.HasTable(S.Observation))
        {
            return set;
        }
        var window = o.During.Resolve(period);
        var table = context.Table(S.Observation);
        var rows = context.PatientRows(S.Observation);
        var codes = table.Get<StringListColumn>(S.CodesOf(table.Name));
        var match = context.Match(S.Observation, o.ValueSet);
        var effective = table.Get<DateColumn>(S.Effective);
        var value = table.Get<DoubleColumn>(S.Value);
        var unit = table.Get<StringColumn>(S.Unit);
        var systolic = table.Get<DoubleColumn>(S.Systolic);
        var diastolic = table.Get<DoubleColumn>(S.Diastolic);
        var tested = o.Value is not null || o.Systolic is not null || o.Diastolic is not null;

        if (o.Pick == ObservationPick.Any || !tested)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r] >= 0 && !effective.IsNull(r) && window.Contains(effective.Days[r]) && codes.AnyIn(r, match)
                    && (!tested || Passes(o, Normalised(o.Value, value, unit, r), Get(systolic, r), Get(diastolic, r))))
                {
                    set.Add(rows[r]);
                }
            }
            return set;
        }

        // Latest: the most recent day in the window, and on that day the lowest reading of each kind (CMS165).
        var latest = new int[context.PatientCount];
        Array.Fill(latest, int.MinValue);
        var bestValue = new double[context.PatientCount];
        var bestSystolic = new double[context.PatientCount];
        var bestDiastolic = new double[context.PatientCount];
        for (var r = 0; r < rows.Length; r++)
        {
            var p = rows[r];
            if (p < 0 || effective.IsNull(r) || !window.Contains(effective.Days[r]) || !codes.AnyIn(r, match))
            {
                continue;
            }
            var day = effective.Days[r];
            var v = Normalised(o.Value, value, unit, r) ?? double.NaN;
            var s = Get(systolic, r) ?? double.NaN;
            var d = Get(diastolic, r) ?? double.NaN;
            if (day > latest[p])
            {
                latest[p] = day;
                bestValue[p] = v;
                bestSystolic[p] = s;
                bestDiastolic[p] = d;
            }
            else if (day == latest[p])
            {
                bestValue[p] = Lowest(bestValue[p], v);
                bestSystolic[p] = Lowest(bestSystolic[p], s);
                bestDiastolic[p] = Lowest(bestDiastolic[p], d);
            }
        }
        for (var p = 0; p < latest.Length; p++)
        {
            if (latest[p] != int.MinValue && Passes(o, Finite(bestValue[p]), Finite(bestSystolic[p]), Finite(bestDiastolic[p])))
            {
                set.Add(p);
            }
        }
        return set;
    }

    private static double Lowest(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    private static double? Finite(double v) => double.IsNaN(v) ? null : v;

    private static double? Get(DoubleColumn column, int row) => column.IsNull(row) ? null : column.Values[row];

    private static double? Normalised(ValueComparison? test, DoubleColumn value, StringColumn unit, int row) =>
        value.IsNull(row) ? null : Units.Convert(value.Values[row], unit[row], test?.Unit);

    /// <summary>Every test given must pass; a missing reading fails its test unless the criterion says missing passes.</summary>
    private static bool Passes(ObservationCriterion o, double? value, double? systolic, double? diastolic) =>
        Passes(o.Value, value, o.MissingPasses) && Passes(o.Systolic, systolic, o.MissingPasses) && Passes(o.Diastolic, diastolic, o.MissingPasses);

    private static bool Passes(ValueComparison? test, double? actual, bool missingPasses) =>
        test is null || (actual is { } v ? test.Test(v) : missingPasses);

    /// <summary>Rows of a coded, dated table in the window; with atLeast &gt; 1, counted on distinct days.</summary>
    private PatientSet Dated(string tableName, string dateColumn, string valueSet, Period window, int atLeast)
    {
        var set = Empty();
        if (atLeast <= 1)
        {
            DatedRows(tableName, dateColumn, valueSet, window, (p, _) => set.Add(p));
            return set;
        }
        // (patient, day) packed in one long and sorted: each patient's days are then a run, distinct days
        // counted in one scan, with no per-row allocation (CMS117 asks this of ten vaccines).
        var hits = new List<long>();
        DatedRows(tableName, dateColumn, valueSet, window, (p, day) => hits.Add(((long)p << 32) | (uint)day));
        hits.Sort();
        for (var i = 0; i < hits.Count;)
        {
            var patient = (int)(hits[i] >> 32);
            var days = 0;
            for (var previous = -1L; i < hits.Count && (int)(hits[i] >> 32) == patient; i++)
            {
                if (hits[i] != previous)
                {
                    days++;
                    previous = hits[i];
                }
            }
            if (days >= atLeast)
            {
                set.Add(patient);
            }
        }
        return set;
    }

    /// <summary>Calls <paramref name="onRow"/> with (patient, day) for every coded row in the window that is not voided.</summary>
    private void DatedRows(string tableName, string dateColumn, string valueSet, Period window, Action<int, int> onRow)
    {
        if (!context.HasTable(tableName))
        {
            return;
        }
        var table = context.Table(tableName);
        var rows = context.PatientRows(tableName);
        var codes = table.Get<StringListColumn>(S.CodesOf(table.Name));
        var match = context.Match(tableName, valueSet);
        var date = table.Get<DateColumn>(dateColumn);
        var status = table.Has(S.Status) ? table.Get<StringColumn>(S.Status) : null;
        var voided = status?.Match(v => v is "entered-in-error" or "not-done" or "cancelled" or "revoked" or "stopped");
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] < 0 || date.IsNull(r) || !window.Contains(date.Days[r]) || !codes.AnyIn(r, match))
            {
                continue;
            }
            if (status is not null && status.Codes[r] >= 0 && voided![status.Codes[r]])
            {
                continue;
            }
            onRow(rows[r], date.Days[r]);
        }
    }

    /// <summary>
    /// Some event row dated min..max days after some anchor row of the same patient. Anchor days are bucketed
    /// per patient and sorted once; each event row then looks for an anchor day in [day − max, day − min].
    /// </summary>
    private PatientSet Relative(RelativeEvent r, Period period)
    {
        var anchors = new List<(int Patient, int Day)>();
        EventDays(r.Anchor, period, (p, day) => anchors.Add((p, day)));
        var set = Empty();
        if (anchors.Count == 0)
        {
            return set;
        }
        anchors.Sort();
        // first[p]..first[p + 1] are patient p's anchor days in ascending order (a counting-sort index).
        var first = new int[context.PatientCount + 1];
        foreach (var (p, _) in anchors)
        {
            first[p + 1]++;
        }
        for (var p = 0; p < context.PatientCount; p++)
        {
            first[p + 1] += first[p];
        }
        var days = anchors.ConvertAll(a => a.Day).ToArray();
        EventDays(r.Event, period, (p, day) =>
        {
            if (set[p])
            {
                return;
            }
            // The first anchor day >= day − max; the event qualifies when that day is also <= day − min.
            var lo = first[p];
            var hi = first[p + 1];
            var at = Array.BinarySearch(days, lo, hi - lo, day - r.MaxDays);
            if (at < 0)
            {
                at = ~at;
            }
            else
            {
                while (at > lo && days[at - 1] == day - r.MaxDays)
                {
                    at--;
                }
            }
            if (at < hi && days[at] <= day - r.MinDays)
            {
                set.Add(p);
            }
        });
        return set;
    }

    /// <summary>(patient, day) for each row of a dated single-row criterion (<see cref="RelativeEvent.Dates"/>).</summary>
    private void EventDays(Criterion criterion, Period period, Action<int, int> onRow)
    {
        switch (criterion)
        {
            case ConditionCriterion c:
                var onset = context.HasTable(S.Condition) ? context.Table(S.Condition).Get<DateColumn>(S.Onset) : null;
                ConditionRows(c, period, (p, row) =>
                {
                    if (!onset!.IsNull(row))
                    {
                        onRow(p, onset.Days[row]);
                    }
                });
                break;
            case EncounterCriterion e:
                var start = context.HasTable(S.Encounter) ? context.Table(S.Encounter).Get<DateColumn>(S.Start) : null;
                EncounterEvents(e, period, (p, row) => onRow(p, start!.Days[row]));
                break;
            case ObservationCriterion o:
                ObservationRows(o, period, onRow);
                break;
            case ProcedureCriterion p:
                DatedRows(S.Procedure, S.Performed, p.ValueSet, p.During.Resolve(period), onRow);
                break;
            case ImmunizationCriterion i:
                DatedRows(S.Immunization, S.Occurrence, i.ValueSet, i.During.Resolve(period), onRow);
                break;
            case MedicationCriterion m:
                DatedRows(S.MedicationRequest, S.Authored, m.ValueSet, m.During.Resolve(period), onRow);
                break;
            default:
                throw new NotSupportedException($"{criterion.GetType().Name} cannot date one side of a relative criterion");
        }
    }

    /// <summary>(patient, day) for every observation in the value set within the window (no value tests: the parser allows none here).</summary>
    private void ObservationRows(ObservationCriterion o, Period period, Action<int, int> onRow)
    {
        if (!context.HasTable(S.Observation))
        {
            return;
        }
        var window = o.During.Resolve(period);
        var table = context.Table(S.Observation);
        var rows = context.PatientRows(S.Observation);
        var codes = table.Get<StringListColumn>(S.CodesOf(table.Name));
        var match = context.Match(S.Observation, o.ValueSet);
        var effective = table.Get<DateColumn>(S.Effective);
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] >= 0 && !effective.IsNull(r) && window.Contains(effective.Days[r]) && codes.AnyIn(r, match))
            {
                onRow(rows[r], effective.Days[r]);
            }
        }
    }

    private PatientSet Coverage(CoverageCriterion c, Period period)
    {
        var set = Empty();
        if (!context.HasTable(S.Coverage))
        {
            return set;
        }
        var at = c.At.Resolve(period).DayNumber;
        var table = context.Table(S.Coverage);
        var rows = context.PatientRows(S.Coverage);
        var payer = table.Get<StringColumn>(S.PayerType);
        var wanted = payer.Match(v => PayerTypes.Classify(v) is { } t && c.PayerTypes.Contains(t));
        var start = table.Get<DateColumn>(S.PeriodStart);
        var end = table.Get<DateColumn>(S.PeriodEnd);
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] >= 0 && payer.Codes[r] >= 0 && wanted[payer.Codes[r]]
                && (start.IsNull(r) || start.Days[r] <= at) && (end.IsNull(r) || end.Days[r] >= at))
            {
                set.Add(rows[r]);
            }
        }
        return set;
    }

    /// <summary>An inpatient discharge in the window with another inpatient admission 1..N days later.</summary>
    private PatientSet Readmission(ReadmissionCriterion r, Period period)
    {
        var set = Empty();
        Readmissions(r, period, set.Add);
        return set;
    }

    /// <summary>Calls <paramref name="onIndexStay"/> once per index discharge in the window that is followed by a readmission.</summary>
    private void Readmissions(ReadmissionCriterion r, Period period, Action<int> onIndexStay)
    {
        if (!context.HasTable(S.Encounter))
        {
            return;
        }
        var window = r.DischargedDuring.Resolve(period);
        var table = context.Table(S.Encounter);
        var rows = context.PatientRows(S.Encounter);
        var classColumn = table.Get<StringColumn>(S.Class);
        var inpatient = classColumn.Match(v => v is "IMP" or "ACUTE" or "NONAC");
        var start = table.Get<DateColumn>(S.Start);
        var end = table.Get<DateColumn>(S.End);
        var stays = new List<(int Patient, int Admit, int Discharge)>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] >= 0 && classColumn.Codes[i] >= 0 && inpatient[classColumn.Codes[i]] && !start.IsNull(i))
            {
                stays.Add((rows[i], start.Days[i], end.IsNull(i) ? start.Days[i] : end.Days[i]));
            }
        }
        stays.Sort();
        for (var i = 0; i < stays.Count; i++)
        {
            var index = stays[i];
            if (!window.Contains(index.Discharge))
            {
                continue;
            }
            for (var j = i + 1; j < stays.Count && stays[j].Patient == index.Patient; j++)
            {
                var gap = stays[j].Admit - index.Discharge;
                if (gap >= 1 && gap <= r.WithinDays)
                {
                    onIndexStay(index.Patient);
                    break;
                }
            }
        }
    }
}
