using System.Globalization;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using L = Lodestar.ClickHouse.SqlLiteral;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Counts a measure's populations per stratum on the cluster, in one statement per measure written by
/// <see cref="StratumCountSql"/>: population flags (and the events of populations counted in events) summed on
/// the shards per stratifier and raw key (population references are the referenced final flag, so eCQM
/// semantics are those of <see cref="MeasureEngine.Populations"/>). What comes back is a few hundred rows,
/// not one per patient. The client maps each raw key to its stratum with the same
/// <see cref="Stratifiers"/> functions as the embedded engine, so codes, labels and order are identical by
/// construction; several raw keys may fall in one stratum and are added up. A statement too large for the servers'
/// memory runs once per patient bucket (<see cref="StatementSizing"/>) and the buckets' counts are added up. The
/// sizing is an estimate: a bucket the servers refuse for memory is run again as the two buckets it splits into, and
/// later statements start that much finer (<see cref="Refinement"/>).
/// </summary>
internal sealed class ClickHouseStratumCounter(ClickHouseCluster cluster, StratumCountSql statements, IAreaDirectory? areas, StatementSizing sizing, Action<string>? notice = null) : IStratumCounter
{
    /// <summary>Separates list items in a raw key (<see cref="StratumCountSql"/>); a control character no code holds.</summary>
    private const char Separator = '\x1F';

    /// <summary>Separates the race and ethnicity lists of a race-ethnicity key.</summary>
    private const char PairSeparator = '\x1E';

    private static readonly Dictionary<string, string> QuerySettings = new(StringComparer.Ordinal)
    {
        ["skip_unavailable_shards"] = "0",
        ["distributed_product_mode"] = "deny",
        ["wait_end_of_query"] = "1",
        // A statement for several measures carries all their value sets: above the default 256 KiB.
        ["max_query_size"] = "16777216",
        // Per-patient GROUP BY states beyond this spill to the server's tmp_path instead of failing the statement
        // at the server's per-query memory limit (2 GB in scripts/clickhouse); half of that limit, as advised.
        ["max_bytes_before_external_group_by"] = "1000000000",
    };

    /// <summary>
    /// The <see cref="PatientColumns.Cost"/> one statement may reach before the next measure goes to a new statement:
    /// it bounds the shards' memory per patient. At 100,000 patients all 17 catalog measures in one statement
    /// peaked at ~260 MB per shard; at 1,000,000 patients on one shard a statement of 32 plain columns passed 18.16's
    /// 2 GB per-query limit. Fewer measures per statement cost time (each statement scans its tables again).
    /// </summary>
    internal const int CostBudget = 16;

    /// <summary>
    /// Server codes of a statement too large for a per-query limit, which a smaller bucket may fit (ClickHouse
    /// ErrorCodes.cpp): 241 MEMORY_LIMIT_EXCEEDED (max_memory_usage), 191 SET_SIZE_LIMIT_EXCEEDED (max_rows_in_join or
    /// max_bytes_in_join, when a DBA sets them to throw).
    /// </summary>
    private static readonly int[] OverLimitCodes = [241, 191];

    /// <summary>
    /// How many times finer than <see cref="StatementSizing"/> estimated the statements now run: doubled each time a
    /// bucket is refused for memory at the finest split so far, so one refusal is paid once, not once per statement.
    /// </summary>
    internal int Refinement { get; private set; } = 1;

    public StratifiedCounts Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(stratifiers);
        return Count([(measure, stratifiers)], period)[0];
    }

    /// <summary>
    /// Counts measures together, as many per statement as fit <see cref="CostBudget"/> (always at least one), so
    /// the shards read each table once per statement rather than once per measure.
    /// </summary>
    public IReadOnlyList<StratifiedCounts> Count(IReadOnlyList<(MeasureDefinition Measure, IReadOnlyList<string> Stratifiers)> measures, Period period)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var results = new List<StratifiedCounts>(measures.Count);
        for (var start = 0; start < measures.Count;)
        {
            var end = start + 1;
            var statement = statements.Count(Slice(measures, start, end), period);
            while (end < measures.Count && statements.Count(Slice(measures, start, end + 1), period) is { } larger && larger.Cost <= CostBudget)
            {
                (statement, end) = (larger, end + 1);
            }
            var slice = Slice(measures, start, end);
            var estimated = sizing.Buckets(statement.Cost);
            var buckets = Math.Min(estimated * Refinement, StatementSizing.MaxBuckets);
            var rows = AddUp(Enumerable.Range(0, buckets).Select(b =>
                ReadBucket(new PatientBucket(b, buckets), bucket => bucket.Count == 1 ? statement.Sql : statements.Count(slice, period, bucket).Sql, statement.Width, estimated)));
            var offset = 2;
            for (var m = start; m < end; m++)
            {
                var events = statement.EventPopulations[m - start];
                results.Add(Assemble(measures[m].Stratifiers, events, rows, offset));
                offset += StratumCountSql.Flags.Length + events.Count;
            }
            start = end;
        }
        return results;
    }

    private static List<(MeasureDefinition, IReadOnlyList<string>)> Slice(
        IReadOnlyList<(MeasureDefinition Measure, IReadOnlyList<string> Stratifiers)> measures, int start, int end) =>
        Enumerable.Range(start, end - start).Select(i => measures[i]).ToList();

    /// <summary>
    /// The rows of every bucket's statement as one statement's: cells after the two key cells are counts, summed per
    /// key (a key the buckets share adds up; one only some buckets have is kept with its sum).
    /// </summary>
    internal static List<string[]> AddUp(IEnumerable<List<string[]>> buckets)
    {
        var byKey = new Dictionary<(string, string), string[]>();
        var order = new List<string[]>();
        foreach (var row in buckets.SelectMany(b => b))
        {
            if (!byKey.TryGetValue((row[0], row[1]), out var sum))
            {
                byKey[(row[0], row[1])] = sum = (string[])row.Clone();
                order.Add(sum);
                continue;
            }
            for (var i = 2; i < row.Length; i++)
            {
                sum[i] = (ulong.Parse(sum[i], CultureInfo.InvariantCulture) + ulong.Parse(row[i], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
            }
        }
        return order;
    }

    /// <summary>
    /// One bucket's rows. Refused for memory, the bucket is read as the two buckets of twice the count that make it up
    /// (h % 2n is b or b + n exactly when h % n is b), so the rows already read stay valid and the sum is still exact.
    /// </summary>
    private List<string[]> ReadBucket(PatientBucket bucket, Func<PatientBucket, string> sql, int width, int estimated)
    {
        try
        {
            return Read(sql(bucket), width);
        }
        catch (ClickHouseException e) when (e.Code is { } code && OverLimitCodes.Contains(code) && bucket.Count < StatementSizing.MaxBuckets)
        {
            var finer = bucket.Count * 2;
            if (finer / estimated > Refinement)
            {
                Refinement = finer / estimated;
                notice?.Invoke($"ClickHouse at {e.Server} refused a counting statement for memory (code {code}): that part of it is counted again in {finer} patient buckets, and later statements {Refinement}× finer than estimated (docs/scale-out.md, 'Sizing').");
            }
            return AddUp([
                ReadBucket(new PatientBucket(bucket.Index, finer), sql, width, estimated),
                ReadBucket(new PatientBucket(bucket.Index + bucket.Count, finer), sql, width, estimated),
            ]);
        }
    }

    private List<string[]> Read(string statement, int width)
    {
        var body = cluster.ReadAsync(cluster.Entry, statement + " FORMAT RowBinary", QuerySettings).GetAwaiter().GetResult();
        var cells = RowBinaryReader.Strings(body);
        var rows = new List<string[]>(cells.Count / width);
        for (var i = 0; i + width <= cells.Count; i += width)
        {
            rows.Add(cells.GetRange(i, width).ToArray());
        }
        return rows;
    }

    /// <summary>One measure's counts from its cells (from <paramref name="offset"/> on) of a shared statement's rows; keys of stratifiers it does not ask for are skipped.</summary>
    private StratifiedCounts Assemble(IReadOnlyList<string> stratifiers, IReadOnlyList<string> eventPopulations, List<string[]> rows, int offset)
    {
        var flags = StratumCountSql.Flags.Length;
        var group = new long[flags];
        var groupEvents = new long[eventPopulations.Count];
        // Per stratifier: stratum → (population counts, event counts), strata as the keys map them.
        var strata = stratifiers.ToDictionary(id => id, _ => new Dictionary<Stratum, (long[] Counts, long[] Events)>(), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            long[] counts, events;
            if (row[0].Length == 0)
            {
                (counts, events) = (group, groupEvents);
            }
            else if (strata.TryGetValue(row[0], out var cells))
            {
                var stratum = StratumOf(row[0], row[1]);
                if (!cells.TryGetValue(stratum, out var cell))
                {
                    cells[stratum] = cell = (new long[flags], new long[eventPopulations.Count]);
                }
                (counts, events) = cell;
            }
            else
            {
                continue;
            }
            for (var f = 0; f < flags; f++)
            {
                counts[f] += long.Parse(row[offset + f], CultureInfo.InvariantCulture);
            }
            for (var e = 0; e < events.Length; e++)
            {
                events[e] += long.Parse(row[offset + flags + e], CultureInfo.InvariantCulture);
            }
        }
        PopulationCounts Counts(long[] counts, long[] events) => new(
            StratumCountSql.Flags.Select((f, i) => (f.Code, counts[i])).ToDictionary(x => x.Code, x => x.Item2, StringComparer.Ordinal),
            eventPopulations.Count == 0 ? null : eventPopulations.Select((p, i) => (p, events[i])).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal));
        var results = stratifiers
            .Select(id => new StratifierResult(id, Stratifiers.Label(id),
                Stratifiers.Ordered(id, strata[id].Keys).Select(s => new StratumResult(s, Counts(strata[id][s].Counts, strata[id][s].Events))).ToList()))
            .ToList();
        return new StratifiedCounts(Counts(group, groupEvents), results);
    }

    /// <summary>The stratum a raw key falls in, by the embedded engine's own functions.</summary>
    private Stratum StratumOf(string id, string key)
    {
        var (code, label) = id switch
        {
            "race" => Stratifiers.Race(Items(key)),
            "ethnicity" => Stratifiers.Ethnicity(Items(key)),
            "race-ethnicity" => Stratifiers.RaceEthnicity(Items(key[..key.IndexOf(PairSeparator, StringComparison.Ordinal)]), Items(key[(key.IndexOf(PairSeparator, StringComparison.Ordinal) + 1)..])),
            "sex" => Stratifiers.Sex(Single(key)),
            "age" => Stratifiers.AgeBand(key.Length == 0 ? null : int.Parse(key, CultureInfo.InvariantCulture)),
            "payer" => Stratifiers.Payer(key.Length == 0 ? null : key),
            "language" => Stratifiers.Language(Single(key)),
            "county" => Stratifiers.County(Single(key), areas),
            "rurality" => Stratifiers.Rurality(Single(key), areas),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown stratifier"),
        };
        return new Stratum(code, label);
    }

    private static string[] Items(string key) => key.Length == 0 ? [] : key[1..].Split(Separator);

    private static string? Single(string key) => key.Length == 0 ? null : key[1..];
}
