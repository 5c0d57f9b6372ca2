using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using L = Lodestar.ClickHouse.SqlLiteral;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// The statement <see cref="ClickHouseStratumCounter"/> runs per measure, in 18.16's dialect (no CTEs or window
/// functions, one JOIN per SELECT). The measure's event criteria become columns of one per-patient subquery over
/// the shard's local tables (<see cref="PatientColumns"/>: one scan per table, all criteria on it as -If
/// aggregates), which the shard's patients join once; every patient row then gets its five population flags (a
/// population reference is the referenced population's final flag), arrayJoin repeats the row once per stratifier
/// with that stratifier's raw inputs as the key (race codes, gender, age in years, deciding payer class, …) and
/// the shards sum the flags — and, for populations counted in events, the members' events — GROUP BY key. Keys are
/// raw so that the client, not SQL, decides strata with the embedded engine's own functions. The subquery reads
/// local tables only, so each shard does all the work on its own patients (a patient and their events share a
/// shard) and the entry shard only adds up counts.
/// </summary>
internal sealed class StratumCountSql(CriterionSql sql, StoreSchema schema, IReadOnlyDictionary<string, IReadOnlyList<string>> payerValues)
{
    /// <summary>The five populations in evaluation order, each with the alias of its final member flag.</summary>
    public static readonly (string Code, string Alias)[] Flags =
    [
        (PopulationCodes.InitialPopulation, "lodestar_ip"),
        (PopulationCodes.Denominator, "lodestar_den"),
        (PopulationCodes.DenominatorExclusion, "lodestar_dex"),
        (PopulationCodes.Numerator, "lodestar_num"),
        (PopulationCodes.DenominatorException, "lodestar_dexc"),
    ];

    /// <summary>The counting statement of one measure.</summary>
    public CountStatement Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers) =>
        Count([(measure, stratifiers)], period);

    /// <summary>
    /// One counting statement for several measures. The criteria of all of them become one per-patient subquery over
    /// each shard's local tables (<see cref="PatientColumns"/>: a criterion two measures use is one column, a table
    /// all of them read is scanned once), which the shard's patients join once. Each measure's flags are defined once
    /// each inside their sums (aliases are global in ClickHouse, hence one suffix per measure); a population counted
    /// in events (ratio and rate measures) adds the sum of its members' events. The keys are those of every
    /// stratifier any of the measures asks for. (Flags computed in nested SELECTs instead of aliases took 18.16
    /// longer to analyse than to count: it re-analyses each nested subquery once per level above it.)
    /// </summary>
    public CountStatement Count(IReadOnlyList<(MeasureDefinition Measure, IReadOnlyList<string> Stratifiers)> measures, Period period, PatientBucket? bucket = null)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var columns = new PatientColumns(bucket);
        var scoped = sql.With(columns);
        var sums = new List<string>();
        var layout = new List<IReadOnlyList<string>>();
        for (var m = 0; m < measures.Count; m++)
        {
            var (measure, _) = measures[m];
            ArgumentNullException.ThrowIfNull(measure);
            var suffix = measures.Count == 1 ? "" : $"_m{m}";
            var flags = FlagExpressions(scoped, measure, period, suffix);
            sums.AddRange(flags.Select(f => $"toString(sum(({f.Definition}) AS {f.Alias}))"));
            var events = new List<string>();
            foreach (var (population, criterion) in measure.Populations.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (Flags.Any(f => f.Code == population) && MeasureEngine.CountedEvents(criterion) is { } counted)
                {
                    var member = Flags.Single(f => f.Code == population).Alias + suffix;
                    // ifNull: 18.16 types this sum Nullable (behind the JOIN), and RowBinary would put a null flag before the text.
                    sums.Add($"toString(ifNull(sum(if({member}, {scoped.EventColumn(counted, period)}, 0)), 0))");
                    events.Add(population);
                }
            }
            layout.Add(events);
        }
        var stratifiers = measures.SelectMany(m => m.Stratifiers).Distinct(StringComparer.Ordinal).ToList();
        var keys = KeyExpressions(stratifiers, period, columns);
        var join = columns.Subquery() is { } perPatient ? $" ANY LEFT JOIN ({perPatient}) USING ({S.PatientKey})" : "";
        var where = bucket is null ? "" : $" WHERE {bucket.Predicate(S.PatientKey)}";
        var statement = $"SELECT {keys}, {string.Join(", ", sums)} FROM {ClickHouseSchema.Distributed(S.Patient)}{join}{where} GROUP BY lodestar_d, lodestar_k";
        return new CountStatement(statement, layout, columns.Cost);
    }

    /// <summary>
    /// Each population's final member flag, as <see cref="MeasureEngine.Populations"/> combines them: denominator
    /// within the initial population, exclusions within the denominator, the numerator without the excluded,
    /// exceptions only for the rest. Never NULL (ifNull), so NOT means "not a member". Earlier flags are
    /// referred to by alias.
    /// </summary>
    private static IReadOnlyList<(string Code, string Alias, string Definition)> FlagExpressions(CriterionSql sql, MeasureDefinition measure, Period period, string suffix)
    {
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        string Reference(string population) => defined.TryGetValue(population, out var flag)
            ? flag
            : throw new KeyNotFoundException($"{measure.Id}: population '{population}' is referenced before it is evaluated");
        string? Own(string code) => measure.Populations.TryGetValue(code, out var c) ? $"ifNull({sql.Predicate(c, period, Reference)}, 0)" : null;

        var list = new List<(string, string, string)>();
        void Add(string code, string definition)
        {
            var alias = Flags.Single(f => f.Code == code).Alias + suffix;
            list.Add((code, alias, definition));
            defined[code] = alias;
        }
        Add(PopulationCodes.InitialPopulation, Own(PopulationCodes.InitialPopulation) ?? "0");
        var ip = Reference(PopulationCodes.InitialPopulation);
        Add(PopulationCodes.Denominator, Own(PopulationCodes.Denominator) is { } den ? $"{den} AND {ip}" : ip);
        var denominator = Reference(PopulationCodes.Denominator);
        Add(PopulationCodes.DenominatorExclusion, Own(PopulationCodes.DenominatorExclusion) is { } dex ? $"{dex} AND {denominator}" : "0");
        var exclusion = Reference(PopulationCodes.DenominatorExclusion);
        Add(PopulationCodes.Numerator, Own(PopulationCodes.Numerator) is { } num ? $"{num} AND {denominator} AND NOT {exclusion}" : "0");
        var numerator = Reference(PopulationCodes.Numerator);
        Add(PopulationCodes.DenominatorException, Own(PopulationCodes.DenominatorException) is { } dexc
            ? $"{dexc} AND {denominator} AND NOT {exclusion} AND NOT {numerator}" : "0");
        return list;
    }

    /// <summary>
    /// lodestar_d (stratifier id, '' for the group) and lodestar_k (the raw key): one arrayJoin row per stratifier.
    /// County and rurality share the county code; race-ethnicity keys both lists.
    /// </summary>
    private string KeyExpressions(IReadOnlyList<string> stratifiers, Period period, PatientColumns columns)
    {
        var pairs = new List<string> { "('', '')" };
        foreach (var id in stratifiers)
        {
            pairs.Add($"({L.String(id)}, {RawKey(id, period, columns)})");
        }
        return $"tupleElement(arrayJoin([{string.Join(", ", pairs)}]) AS lodestar_s, 1) AS lodestar_d, tupleElement(lodestar_s, 2) AS lodestar_k";
    }

    private string RawKey(string id, Period period, PatientColumns columns) => id switch
    {
        "race" => Codes(S.Race),
        "ethnicity" => Codes(S.Ethnicity),
        "race-ethnicity" => $"concat({Codes(S.Race)}, '\\x1E', {Codes(S.Ethnicity)})",
        "sex" => Codes(S.Gender),
        "age" => Age(period.End),
        "payer" => Payer(period.End, columns),
        "language" => Codes(S.Language),
        "county" or "rurality" => Codes(S.CountyFips),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown stratifier"),
    };

    /// <summary>A code column as its values, each after a separator: '' for none (NULL or an empty list).</summary>
    private string Codes(string column)
    {
        if (!schema.Tables[S.Patient].TryGetValue(column, out var type))
        {
            return "''";
        }
        return type.StartsWith("Array", StringComparison.Ordinal)
            ? $"arrayStringConcat(arrayMap(x -> concat('\\x1F', x), {column}))"
            : $"ifNull(concat('\\x1F', {column}), '')";
    }

    /// <summary>Completed years at the date (as <see cref="EvaluationContext.Age"/>), '' without a birth date.</summary>
    private static string Age(DateOnly at) =>
        $"ifNull(toString({L.Int(at.Year)} - {ClickHouseSchema.BirthYear} - ({ClickHouseSchema.BirthMonthDay} > {L.Int(at.Month * 100 + at.Day)})), '')";

    /// <summary>
    /// The deciding payer class of the coverage active on the date: the first class in <see cref="Stratifiers.PayerOrder"/>
    /// with an active coverage row whose payer value classifies into it (values classified by
    /// <see cref="PayerTypes.Classify"/> in this process, from the cluster's distinct values), '' for none. Each
    /// class's test is a column of the coverage scan the criteria share.
    /// </summary>
    private string Payer(DateOnly at, PatientColumns columns)
    {
        if (!schema.HasTable(S.Coverage))
        {
            return "''";
        }
        var day = L.Int(at.DayNumber);
        var branches = new List<string>();
        foreach (var payerClass in Stratifiers.PayerOrder)
        {
            if (!payerValues.TryGetValue(payerClass, out var values) || values.Count == 0)
            {
                continue;
            }
            branches.Add(columns.Exists(S.Coverage,
                $"ifNull({S.PayerType} IN {L.StringTuple(values)}, 0) AND (isNull({S.PeriodStart}) OR {S.PeriodStart} <= {day}) AND (isNull({S.PeriodEnd}) OR {S.PeriodEnd} >= {day})"));
            branches.Add(L.String(payerClass));
        }
        return branches.Count == 0 ? "''" : $"multiIf({string.Join(", ", branches)}, '')";
    }
}
