using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using L = Lodestar.ClickHouse.SqlLiteral;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Compiles a criterion into a boolean SQL expression over one row of the patient table, in the dialect of
/// ClickHouse 18.16. Event criteria become either <c>patient_key IN (SELECT patient_key FROM &lt;local table&gt; …)</c>
/// (member lists), or, with <see cref="With"/>, a column of one per-patient subquery (<see cref="PatientColumns"/>)
/// that the counting statement joins once. Run against the Distributed patient table, each shard evaluates the
/// subqueries over its own local tables, which is correct because the loader puts a patient and all their
/// events on the same shard. No CTEs, at most one JOIN per SELECT, every leaf wrapped so it is never NULL (NOT
/// NULL is NULL in SQL, but "no" in the bitmap engine). Each case mirrors the matching method of
/// <see cref="CriterionEvaluator"/>; a new criterion record is one new case here. Values go through
/// <see cref="SqlLiteral"/> only.
/// </summary>
internal sealed class CriterionSql(MeasureCatalog catalog, StoreSchema schema, IReadOnlyDictionary<string, IReadOnlyList<string>> payerValues,
    PatientColumns? columns = null)
{
    private const string Key = S.PatientKey;

    /// <summary>Rows of a patient (of the statement's bucket, when the columns are split into buckets).</summary>
    private string KeyRows => columns?.KeyRows ?? $"{Key} IS NOT NULL";

    /// <summary>The same compiler, with event criteria as columns of <paramref name="into"/> instead of IN subqueries.</summary>
    public CriterionSql With(PatientColumns into) => new(catalog, schema, payerValues, into);

    /// <summary>
    /// A population's events per patient as a column of this compiler's <see cref="PatientColumns"/> (UInt64; "0" when
    /// the encounter table is absent): encounters count rows, readmissions count index stays followed by a readmission.
    /// </summary>
    public string EventColumn(EventCount counted, Period period)
    {
        ArgumentNullException.ThrowIfNull(counted);
        var into = columns ?? throw new InvalidOperationException("event columns need a PatientColumns (With)");
        if (!schema.HasTable(S.Encounter))
        {
            return "0";
        }
        return counted.Event switch
        {
            EncounterCriterion e => into.Events(S.Encounter, EncounterRows(e, period)),
            ReadmissionCriterion r => into.Joined(ReadmissionPairs(r, period), "uniqExact(i1)"),
            _ => throw new NotSupportedException(
                $"counting {counted.Event.GetType().Name} events has no ClickHouse translation yet; run this measure with --engine embedded"),
        };
    }

    /// <summary>The patients meeting a criterion that holds no population reference.</summary>
    public string Select(Criterion criterion, Period period) =>
        $"SELECT {Key} FROM {ClickHouseSchema.Distributed(S.Patient)} WHERE {Predicate(criterion, period)}";

    public string Predicate(Criterion criterion, Period period) => Predicate(criterion, period, null);

    /// <summary>
    /// The criterion as a boolean over one patient row; a population reference becomes <paramref name="references"/>'
    /// expression for that population (its final member flag), or is refused when none is given.
    /// </summary>
    public string Predicate(Criterion criterion, Period period, Func<string, string>? references)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return criterion switch
        {
            AllOf a => "(" + string.Join(" AND ", a.Children.Select(c => Predicate(c, period, references))) + ")",
            AnyOf a => "(" + string.Join(" OR ", a.Children.Select(c => Predicate(c, period, references))) + ")",
            Not n => $"NOT {Predicate(n.Child, period, references)}",
            PopulationRef p => references?.Invoke(p.Population)
                ?? throw new InvalidOperationException($"population '{p.Population}' is combined by the executor, not in SQL"),
            AgeCriterion a => Age(a, period),
            GenderCriterion g => g.Codes.Count == 0 ? "0"
                : $"ifNull(lower({S.Gender}) IN {L.StringTuple(g.Codes.Select(c => c.ToLowerInvariant()))}, 0)",
            DeceasedCriterion d => Deceased(d, period),
            ConditionCriterion c => Condition(c, period),
            EncounterCriterion e => Encounter(e, period),
            ObservationCriterion o => Observation(o, period),
            ProcedureCriterion p => Dated(S.Procedure, S.Performed, p.ValueSet, p.During.Resolve(period), 1),
            ImmunizationCriterion i => Dated(S.Immunization, S.Occurrence, i.ValueSet, i.During.Resolve(period), i.AtLeast),
            MedicationCriterion m => Dated(S.MedicationRequest, S.Authored, m.ValueSet, m.During.Resolve(period), 1),
            CoverageCriterion c => Coverage(c, period),
            ReadmissionCriterion r => Readmission(r, period),
            // As a patient test an event count means "at least one such event", exactly as its event criterion.
            EventCount ev => Predicate(ev.Event, period, references),
            RelativeEvent r => Relative(r, period),
            _ => throw new NotSupportedException($"{criterion.GetType().Name} has no ClickHouse translation yet"),
        };
    }

    /// <summary>
    /// Events per patient for an event-counted population, as rows of (patient key, count as text), over one
    /// shard's local tables: the executor runs it on every shard and adds the answers, which are disjoint
    /// because rows are sharded by patient. Encounters count rows; readmissions count index stays (each
    /// numbered within the shard's query) followed by a readmission, as the embedded engine does.
    /// </summary>
    public string EventCounts(EventCount counted, Period period)
    {
        ArgumentNullException.ThrowIfNull(counted);
        if (!schema.HasTable(S.Encounter))
        {
            return $"SELECT assumeNotNull({Key}), '0' FROM {ClickHouseSchema.Local(S.Patient)} WHERE 0";
        }
        // assumeNotNull: the column is Nullable, and RowBinary would put a null flag before each key.
        return $"SELECT assumeNotNull({Key}), toString({EventCountExpression(counted)}) {EventRows(counted, period)} GROUP BY {Key}";
    }

    /// <summary>
    /// The same per-patient event counts as a subquery of (patient_key, <paramref name="alias"/>) over one shard's
    /// local tables, for joining to that shard's patients; null when the encounter table is absent (no events).
    /// </summary>
    public string? EventCountsPerPatient(EventCount counted, Period period, string alias)
    {
        ArgumentNullException.ThrowIfNull(counted);
        return schema.HasTable(S.Encounter)
            ? $"SELECT {Key}, {EventCountExpression(counted)} AS {ClickHouseSchema.Identifier(alias)} {EventRows(counted, period)} GROUP BY {Key}"
            : null;
    }

    /// <summary>Encounters count rows; readmissions count index stays (each numbered within the shard's query) followed by a readmission.</summary>
    private static string EventCountExpression(EventCount counted) => counted.Event switch
    {
        EncounterCriterion => "count()",
        ReadmissionCriterion => "uniqExact(i1)",
        _ => throw new NotSupportedException(
            $"counting {counted.Event.GetType().Name} events has no ClickHouse translation yet; run this measure with --engine embedded"),
    };

    private string EventRows(EventCount counted, Period period) => counted.Event switch
    {
        EncounterCriterion e => $"FROM {ClickHouseSchema.Local(S.Encounter)} WHERE {KeyRows} AND {EncounterRows(e, period)}",
        ReadmissionCriterion r => ReadmissionPairs(r, period),
        _ => throw new NotSupportedException(
            $"counting {counted.Event.GetType().Name} events has no ClickHouse translation yet; run this measure with --engine embedded"),
    };

    private static string Day(DateOnly d) => L.Int(d.DayNumber);

    private static string In(string table, string where, string? having = null) =>
        $"{Key} IN (SELECT {Key} FROM {ClickHouseSchema.Local(table)} WHERE {Key} IS NOT NULL AND {where}" +
        (having is null ? "" : $" GROUP BY {Key} HAVING {having}") + ")";

    /// <summary>The patient has a row of the table matching <paramref name="where"/>: a column of the shared scan, or an IN subquery.</summary>
    private string Exists(string table, string where) => columns?.Exists(table, where) ?? In(table, where);

    private static string Between(string column, Period window) =>
        $"{column} IS NOT NULL AND {column} >= {Day(window.Start)} AND {column} <= {Day(window.End)}";

    /// <summary>Completed years: year difference, minus one before the birthday (as <see cref="EvaluationContext.Age"/>).</summary>
    private static string Age(AgeCriterion a, Period period)
    {
        var at = a.At.Resolve(period);
        var age = $"({L.Int(at.Year)} - {ClickHouseSchema.BirthYear} - ({ClickHouseSchema.BirthMonthDay} > {L.Int(at.Month * 100 + at.Day)}))";
        var tests = new List<string> { $"{ClickHouseSchema.BirthYear} IS NOT NULL" };
        if (a.Min is { } min) { tests.Add($"{age} >= {L.Int(min)}"); }
        if (a.Max is { } max) { tests.Add($"{age} <= {L.Int(max)}"); }
        return $"ifNull({string.Join(" AND ", tests)}, 0)";
    }

    private string Deceased(DeceasedCriterion d, Period period)
    {
        var limit = Day(d.OnOrBefore.Resolve(period));
        // deceasedBoolean true without a date: dead, date unknown, so dead by any date.
        var flag = schema.Has(S.Patient, S.Deceased) ? $"ifNull({S.Deceased}, 0) = 1" : "0";
        return $"if(isNull({S.DeceasedDate}), {flag}, ifNull({S.DeceasedDate} <= {limit}, 0))";
    }

    /// <summary>The value set as a membership test on the table's code list, or "no" when it has no codes.</summary>
    private string Codes(string table, string valueSetId)
    {
        if (!catalog.ValueSets.TryGetValue(valueSetId, out var valueSet))
        {
            throw new UserErrorException($"unknown value set '{valueSetId}'");
        }
        var keys = valueSet.Codes.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
        // x IN (literal tuple) builds one hash set per query; hasAny(column, [literal array]) compares every
        // element with every code, per row (6.7 s against 2.1 s for a 39-code value set on ~0.9M encounters).
        return keys.Count == 0 ? "0" : $"arrayExists(x -> x IN {L.StringTuple(keys)}, {S.CodesOf(table)})";
    }

    private string Condition(ConditionCriterion c, Period period)
    {
        if (!schema.HasTable(S.Condition))
        {
            return "0";
        }
        return Exists(S.Condition, ConditionRows(c, period));
    }

    /// <summary>The condition rows a criterion counts: coded, not refuted, prevalence overlapping the window.</summary>
    private string ConditionRows(ConditionCriterion c, Period period)
    {
        var w = c.Overlaps.Resolve(period);
        var refuted = schema.Has(S.Condition, S.VerificationStatus)
            ? $" AND NOT ifNull({S.VerificationStatus} IN ('refuted', 'entered-in-error'), 0)"
            : "";
        // An unknown onset is "before the window", an unknown abatement "still active".
        return $"{Codes(S.Condition, c.ValueSet)}{refuted}" +
            $" AND ifNull({S.Onset}, -2147483648) <= {Day(w.End)} AND ifNull({S.Abatement}, 2147483647) >= {Day(w.Start)}";
    }

    private string Encounter(EncounterCriterion e, Period period)
    {
        if (!schema.HasTable(S.Encounter))
        {
            return "0";
        }
        return columns?.Exists(S.Encounter, EncounterRows(e, period), Math.Max(1, e.AtLeast))
            ?? In(S.Encounter, EncounterRows(e, period), e.AtLeast > 1 ? $"count() >= {L.Int(e.AtLeast)}" : null);
    }

    /// <summary>The encounter rows a criterion counts: started in the window, of its types and classes.</summary>
    private string EncounterRows(EncounterCriterion e, Period period)
    {
        var where = Between(S.Start, e.During.Resolve(period));
        if (e.ValueSet is not null)
        {
            where += " AND " + Codes(S.Encounter, e.ValueSet);
        }
        if (e.Classes.Count > 0)
        {
            where += $" AND ifNull(lower({S.Class}) IN {L.StringTuple(e.Classes.Select(c => c.ToLowerInvariant()))}, 0)";
        }
        return where;
    }

    private string Observation(ObservationCriterion o, Period period)
    {
        if (!schema.HasTable(S.Observation))
        {
            return "0";
        }
        var rows = $"{Between(S.Effective, o.During.Resolve(period))} AND {Codes(S.Observation, o.ValueSet)}";
        var value = Normalised(o.Value?.Unit);
        var tested = o.Value is not null || o.Systolic is not null || o.Diastolic is not null;
        if (o.Pick == ObservationPick.Any || !tested)
        {
            return Exists(S.Observation, tested ? $"{rows} AND {Passes(o, value, S.Systolic, S.Diastolic)}" : rows);
        }
        if (columns is not null)
        {
            return columns.Latest(S.Observation, rows, S.Effective, [value, S.Systolic, S.Diastolic], r => Passes(o, r[0], r[1], r[2]));
        }
        // Latest: the most recent day in the window; on that day the lowest reading of each kind (CMS165).
        // min() skips NULLs, as the bitmap engine's Lowest skips missing readings. One JOIN: day rows × latest day.
        var local = ClickHouseSchema.Local(S.Observation);
        var byDay = $"SELECT {Key}, assumeNotNull({S.Effective}) AS day, min({value}) AS v, min({S.Systolic}) AS s, min({S.Diastolic}) AS d " +
            $"FROM {local} WHERE {Key} IS NOT NULL AND {rows} GROUP BY {Key}, day";
        var latest = $"SELECT {Key}, max(assumeNotNull({S.Effective})) AS day FROM {local} WHERE {Key} IS NOT NULL AND {rows} GROUP BY {Key}";
        return $"{Key} IN (SELECT {Key} FROM ({byDay}) ANY INNER JOIN ({latest}) USING ({Key}, day) WHERE {Passes(o, "v", "s", "d")})";
    }

    /// <summary>Every given test passes; a missing reading fails unless the criterion says missing passes.</summary>
    private static string Passes(ObservationCriterion o, string value, string systolic, string diastolic)
    {
        var missing = o.MissingPasses ? "1" : "0";
        var tests = new List<string>();
        void Add(ValueComparison? test, string column)
        {
            if (test is not null)
            {
                tests.Add($"ifNull({column} {Operator(test.Op)} {L.Double(test.Value)}, {missing})");
            }
        }
        Add(o.Value, value);
        Add(o.Systolic, systolic);
        Add(o.Diastolic, diastolic);
        return "(" + string.Join(" AND ", tests) + ")";
    }

    private static string Operator(Comparator op) => op switch
    {
        Comparator.Less => "<",
        Comparator.LessOrEqual => "<=",
        Comparator.Greater => ">",
        Comparator.GreaterOrEqual => ">=",
        _ => "=",
    };

    /// <summary>value_quantity in the test's unit, as <see cref="Units.Convert"/> computes it (NULL when it cannot convert).</summary>
    private static string Normalised(string? testUnit)
    {
        var to = Units.Canonical(testUnit);
        if (to is null)
        {
            return S.Value;
        }
        var trimmed = $"replaceRegexpAll({S.Unit}, '^\\\\s+|\\\\s+$', '')";
        var from = $"multiIf(isNull({S.Unit}), NULL, {trimmed} = '', NULL, {trimmed} IN ('mmHg', 'mm Hg', 'mm[Hg]'), 'mm[Hg]', " +
            $"{trimmed} IN ('kg/m2', 'kg/m^2', 'kg/m²'), 'kg/m2', {trimmed} IN ('percent', '%'), '%', {trimmed})";
        var same = $"isNull({from}) OR {from} = {L.String(to)}";
        var v = S.Value;
        return to switch
        {
            "%" => $"multiIf({same}, {v}, {from} = 'mmol/mol', 0.09148 * {v} + 2.152, NULL)",
            "mmol/mol" => $"multiIf({same}, {v}, {from} = '%', ({v} - 2.152) / 0.09148, NULL)",
            _ => $"if({same}, {v}, NULL)",
        };
    }

    /// <summary>Coded, dated rows in the window, not voided; with atLeast &gt; 1 counted on distinct days.</summary>
    private string Dated(string table, string dateColumn, string valueSet, Period window, int atLeast)
    {
        if (!schema.HasTable(table))
        {
            return "0";
        }
        var where = DatedWhere(table, dateColumn, valueSet, window);
        if (columns is not null)
        {
            return atLeast > 1 ? columns.DistinctDays(table, where, dateColumn, atLeast) : columns.Exists(table, where);
        }
        return In(table, where, atLeast > 1 ? $"uniqExact({dateColumn}) >= {L.Int(atLeast)}" : null);
    }

    private string DatedWhere(string table, string dateColumn, string valueSet, Period window)
    {
        var where = $"{Between(dateColumn, window)} AND {Codes(table, valueSet)}";
        if (schema.Has(table, S.Status))
        {
            where += $" AND NOT ifNull({S.Status} IN ('entered-in-error', 'not-done', 'cancelled', 'revoked', 'stopped'), 0)";
        }
        return where;
    }

    /// <summary>
    /// An event row min..max days after an anchor row of the same patient: one JOIN of the two dated row sets
    /// by patient, on one shard's local tables (a patient's rows share a shard), as the bitmap engine pairs them.
    /// </summary>
    private string Relative(RelativeEvent r, Period period)
    {
        if (Dated(r.Anchor, period) is not { } anchor || Dated(r.Event, period) is not { } counted)
        {
            return "0";
        }
        var a = $"SELECT {Key}, {anchor.Day} AS anchor_day FROM {ClickHouseSchema.Local(anchor.Table)} WHERE {KeyRows} AND {anchor.Where}";
        var e = $"SELECT {Key}, {counted.Day} AS event_day FROM {ClickHouseSchema.Local(counted.Table)} WHERE {KeyRows} AND {counted.Where}";
        var pairs = $"FROM ({a}) ALL INNER JOIN ({e}) USING ({Key}) " +
            $"WHERE event_day - anchor_day >= {L.Int(r.MinDays)} AND event_day - anchor_day <= {L.Int(r.MaxDays)}";
        return columns?.Joined(pairs) ?? $"{Key} IN (SELECT {Key} {pairs})";
    }

    /// <summary>The table, row filter and day of a single-row criterion (<see cref="RelativeEvent.Dates"/>), or null when its table is absent.</summary>
    private (string Table, string Where, string Day)? Dated(Criterion criterion, Period period)
    {
        (string, string, string)? Rows(string table, string where, string day) =>
            schema.HasTable(table) ? (table, $"{where} AND {day} IS NOT NULL", $"assumeNotNull({day})") : null;
        return criterion switch
        {
            ConditionCriterion c => Rows(S.Condition, ConditionRows(c, period), S.Onset),
            EncounterCriterion e => Rows(S.Encounter, EncounterRows(e, period), S.Start),
            ObservationCriterion o => Rows(S.Observation, $"{Between(S.Effective, o.During.Resolve(period))} AND {Codes(S.Observation, o.ValueSet)}", S.Effective),
            ProcedureCriterion p => Rows(S.Procedure, DatedWhere(S.Procedure, S.Performed, p.ValueSet, p.During.Resolve(period)), S.Performed),
            ImmunizationCriterion i => Rows(S.Immunization, DatedWhere(S.Immunization, S.Occurrence, i.ValueSet, i.During.Resolve(period)), S.Occurrence),
            MedicationCriterion m => Rows(S.MedicationRequest, DatedWhere(S.MedicationRequest, S.Authored, m.ValueSet, m.During.Resolve(period)), S.Authored),
            _ => throw new NotSupportedException($"{criterion.GetType().Name} cannot date one side of a relative criterion"),
        };
    }

    /// <summary>
    /// A coverage active on the date whose payer classifies (<see cref="PayerTypes.Classify"/>) into one of the types:
    /// the cluster's distinct payer values are classified in this process, as for the payer stratifier.
    /// </summary>
    private string Coverage(CoverageCriterion c, Period period)
    {
        var values = c.PayerTypes.SelectMany(t => payerValues.TryGetValue(t, out var v) ? v : []).ToList();
        if (!schema.HasTable(S.Coverage) || values.Count == 0)
        {
            return "0";
        }
        var at = Day(c.At.Resolve(period));
        var payer = $"{S.PayerType} IN {L.StringTuple(values)}";
        return Exists(S.Coverage, $"ifNull({payer}, 0) AND (isNull({S.PeriodStart}) OR {S.PeriodStart} <= {at}) AND (isNull({S.PeriodEnd}) OR {S.PeriodEnd} >= {at})");
    }

    /// <summary>An inpatient discharge in the window and a later inpatient admission 1..N days after it: one self-JOIN.</summary>
    private string Readmission(ReadmissionCriterion r, Period period)
    {
        if (!schema.HasTable(S.Encounter))
        {
            return "0";
        }
        return columns?.Joined(ReadmissionPairs(r, period)) ?? $"{Key} IN (SELECT {Key} {ReadmissionPairs(r, period)})";
    }

    /// <summary>
    /// FROM … WHERE over (index stay, later stay) pairs of one patient: index discharged in the window,
    /// the later stay admitted 1..N days after. The bitmap engine pairs each stay with those after it in
    /// (admit, discharge) order. Index stays are numbered (i1) so that events can count them once each.
    /// </summary>
    private string ReadmissionPairs(ReadmissionCriterion r, Period period)
    {
        var w = r.DischargedDuring.Resolve(period);
        var stays = $"FROM {ClickHouseSchema.Local(S.Encounter)} WHERE {KeyRows} AND {S.Start} IS NOT NULL AND ifNull({S.Class} IN ('IMP', 'ACUTE', 'NONAC'), 0)";
        var admit = $"assumeNotNull({S.Start})";
        var discharge = $"assumeNotNull(ifNull({S.End}, {S.Start}))";
        var index = $"SELECT {Key}, rowNumberInAllBlocks() AS i1, {admit} AS a1, {discharge} AS d1 {stays} AND {discharge} >= {Day(w.Start)} AND {discharge} <= {Day(w.End)}";
        var next = $"SELECT {Key}, {admit} AS a2, {discharge} AS d2 {stays}";
        return $"FROM ({index}) ALL INNER JOIN ({next}) USING ({Key}) " +
            $"WHERE a2 - d1 >= 1 AND a2 - d1 <= {L.Int(r.WithinDays)} AND (a2 > a1 OR (a2 = a1 AND d2 > d1))";
    }
}
