using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using L = Lodestar.ClickHouse.SqlLiteral;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// The statements <see cref="ClickHouseStratumCounter"/> runs, in 18.16's dialect (no CTEs or window
/// functions, one JOIN per SELECT). Every patient row gets its five population flags (criteria from
/// <see cref="CriterionSql"/>; a population reference is the referenced population's final flag); arrayJoin
/// repeats the row once per stratifier with that stratifier's raw inputs as the key (race codes, gender, age
/// in years, deciding payer class, …) and the shards sum the flags GROUP BY key. Keys are raw so that the
/// client, not SQL, decides strata with the embedded engine's own functions.
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

    /// <summary>
    /// Rows of (stratifier id or '' for the group, raw key, one count per <see cref="Flags"/> entry), all as
    /// strings. Flags are defined once each inside the sums (aliases are global in ClickHouse).
    /// </summary>
    public string Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers) =>
        CountStatement(FlagExpressions(measure, period), KeyExpressions(stratifiers, period));

    /// <summary>
    /// For each population counted in events (ratio and rate measures), rows of (stratifier, raw key, events of
    /// that population's members); a null statement when there are no events to count (no encounter table).
    /// </summary>
    public IReadOnlyList<(string Population, string? Statement)> Events(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers)
    {
        var list = new List<(string, string?)>();
        foreach (var (population, criterion) in measure.Populations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!Flags.Any(f => f.Code == population) || MeasureEngine.CountedEvents(criterion) is not { } counted)
            {
                continue;
            }
            var perPatient = sql.EventCountsPerPatient(counted, period, "lodestar_n");
            var members = FlagExpressions(measure, period, inline: true).Single(f => f.Code == population).Definition;
            list.Add((population, perPatient is null ? null : EventStatement(KeyExpressions(stratifiers, period), members, perPatient)));
        }
        return list;
    }

    /// <summary>The counting statement: flags defined once each (aliases are global in ClickHouse), summed per (stratifier, raw key).</summary>
    private static string CountStatement(IReadOnlyList<(string Code, string Alias, string Definition)> flags, string keys) =>
        $"SELECT {keys}, " +
        string.Join(", ", flags.Select(f => $"toString(sum(({f.Definition}) AS {f.Alias}))")) +
        $" FROM {ClickHouseSchema.Distributed(S.Patient)} GROUP BY lodestar_d, lodestar_k";

    /// <summary>
    /// Events of one population's members summed per (stratifier, raw key): the shard's patients joined (its
    /// one JOIN) to that shard's events per patient, which are on the same shard by the loader's routing. The
    /// member flag is written out in full here: 18.16 crashes on aliases defined in the WHERE of a
    /// distributed JOIN, so the aliases of <see cref="CountStatement"/> are not used.
    /// </summary>
    private static string EventStatement(string keys, string members, string perPatient) =>
        $"SELECT {keys}, toString(sum(lodestar_n)) FROM {ClickHouseSchema.Distributed(S.Patient)} " +
        $"ANY INNER JOIN ({perPatient}) USING ({S.PatientKey}) WHERE {members} GROUP BY lodestar_d, lodestar_k";

    /// <summary>
    /// Each population's final member flag, as <see cref="MeasureEngine.Populations"/> combines them: denominator
    /// within the initial population, exclusions within the denominator, the numerator without the excluded,
    /// exceptions only for the rest. Never NULL (ifNull), so NOT means "not a member". Earlier flags are
    /// referred to by alias, or with <paramref name="inline"/> written out in full.
    /// </summary>
    private IReadOnlyList<(string Code, string Alias, string Definition)> FlagExpressions(MeasureDefinition measure, Period period, bool inline = false)
    {
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        string Reference(string population) => defined.TryGetValue(population, out var flag)
            ? flag
            : throw new KeyNotFoundException($"{measure.Id}: population '{population}' is referenced before it is evaluated");
        string? Own(string code) => measure.Populations.TryGetValue(code, out var c) ? $"ifNull({sql.Predicate(c, period, Reference)}, 0)" : null;

        var list = new List<(string, string, string)>();
        void Add(string code, string definition)
        {
            var alias = Flags.Single(f => f.Code == code).Alias;
            list.Add((code, alias, definition));
            defined[code] = inline ? $"({definition})" : alias;
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
    private string KeyExpressions(IReadOnlyList<string> stratifiers, Period period)
    {
        var pairs = new List<string> { "('', '')" };
        foreach (var id in stratifiers)
        {
            pairs.Add($"({L.String(id)}, {RawKey(id, period)})");
        }
        return $"tupleElement(arrayJoin([{string.Join(", ", pairs)}]) AS lodestar_s, 1) AS lodestar_d, tupleElement(lodestar_s, 2) AS lodestar_k";
    }

    private string RawKey(string id, Period period) => id switch
    {
        "race" => Codes(S.Race),
        "ethnicity" => Codes(S.Ethnicity),
        "race-ethnicity" => $"concat({Codes(S.Race)}, '\\x1E', {Codes(S.Ethnicity)})",
        "sex" => Codes(S.Gender),
        "age" => Age(period.End),
        "payer" => Payer(period.End),
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
    /// <see cref="PayerTypes.Classify"/> in this process, from the cluster's distinct values), '' for none.
    /// </summary>
    private string Payer(DateOnly at)
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
            branches.Add($"{S.PatientKey} IN (SELECT {S.PatientKey} FROM {ClickHouseSchema.Local(S.Coverage)} WHERE {S.PatientKey} IS NOT NULL " +
                $"AND {S.PayerType} IN {L.StringTuple(values)} AND (isNull({S.PeriodStart}) OR {S.PeriodStart} <= {day}) AND (isNull({S.PeriodEnd}) OR {S.PeriodEnd} >= {day}))");
            branches.Add(L.String(payerClass));
        }
        return branches.Count == 0 ? "''" : $"multiIf({string.Join(", ", branches)}, '')";
    }
}
