using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.ClickHouse;

/// <summary>
/// Evaluates criteria on the cluster. The largest subtrees free of population references compile to one
/// SELECT of patient keys each (<see cref="CriterionSql"/>); the keys map back to rows of the fetched patient
/// table. References and the boolean nodes above them combine as bitmaps, so eCQM population semantics and
/// care gaps stay in the shared <see cref="MeasureEngine"/> and <see cref="CareGaps"/>. Counting does not come
/// here (<see cref="ClickHouseStratumCounter"/> counts in SQL); this gives the member sets care-gap and audit
/// lists need, one row per member.
/// </summary>
internal sealed class ClickHouseEvaluator(ClickHouseCluster cluster, CriterionSql sql, Lazy<EvaluationContext> context) : ICriterionEvaluator
{
    /// <summary>Patient key → row of the fetched patient table; built on first use (only member sets and care gaps need it).</summary>
    private readonly Lazy<Dictionary<string, int>> rows = new(() =>
    {
        var keys = context.Value.Patients.Get<Lodestar.Tables.StringColumn>(ClinicalSchema.PatientKey);
        var map = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (var r = 0; r < keys.Count; r++)
        {
            if (keys[r] is { } k)
            {
                map.TryAdd(k, r);
            }
        }
        return map;
    });

    private Dictionary<string, int> PatientRows => rows.Value;

    private int PatientCount => context.Value.PatientCount;

    /// <summary>Settings of every measure query: never a silently partial answer. Lost connections are retried by <see cref="ReadRetryPolicy"/>.</summary>
    private static readonly Dictionary<string, string> QuerySettings = new(StringComparer.Ordinal)
    {
        ["skip_unavailable_shards"] = "0",
        ["distributed_product_mode"] = "deny",
        // Buffer the whole answer on the server, so a failure mid-query (a shard killed) is an HTTP error,
        // not a 200 whose body ends in an exception text.
        ["wait_end_of_query"] = "1",
    };

    public PatientSet Evaluate(Criterion criterion, Period period, IReadOnlyDictionary<string, PatientSet> populations)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        if (!References(criterion))
        {
            return Query(sql.Select(criterion, period));
        }
        return criterion switch
        {
            PopulationRef p => populations[p.Population],
            AllOf a => a.Children.Select(c => Evaluate(c, period, populations)).Aggregate((x, y) => x.And(y)),
            AnyOf a => a.Children.Select(c => Evaluate(c, period, populations)).Aggregate((x, y) => x.Or(y)),
            Not n => Evaluate(n.Child, period, populations).Not(),
            _ => throw new NotSupportedException($"{criterion.GetType().Name} holds a population reference the executor cannot combine"),
        };
    }

    public EventTally EventsPerPatient(EventCount counted, Period period)
    {
        var statement = sql.EventCounts(counted, period) + " FORMAT RowBinary";
        var perPatient = new int[PatientCount];
        foreach (var shard in cluster.Shards)
        {
            var cells = RowBinaryReader.Strings(cluster.ReadAsync(shard, statement, QuerySettings).GetAwaiter().GetResult());
            for (var i = 0; i + 1 < cells.Count; i += 2)
            {
                if (PatientRows.TryGetValue(cells[i], out var row))
                {
                    perPatient[row] += int.Parse(cells[i + 1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        return new EventTally(perPatient);
    }

    internal static bool References(Criterion criterion) => criterion switch
    {
        PopulationRef => true,
        AllOf a => a.Children.Any(References),
        AnyOf a => a.Children.Any(References),
        Not n => References(n.Child),
        _ => false,
    };

    private PatientSet Query(string statement)
    {
        var body = cluster.ReadAsync(cluster.Entry, statement + " FORMAT RowBinary", QuerySettings).GetAwaiter().GetResult();
        var set = new PatientSet(PatientCount);
        foreach (var key in RowBinaryReader.Strings(body))
        {
            if (PatientRows.TryGetValue(key, out var row))
            {
                set.Add(row);
            }
        }
        return set;
    }
}
