using System.Globalization;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using L = Lodestar.ClickHouse.SqlLiteral;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// Counts a measure's populations per stratum on the cluster, in one statement per measure (plus one per
/// population counted in events), written by <see cref="StratumCountSql"/>: population flags summed on the
/// shards per stratifier and raw key (population references are the referenced final flag, so eCQM
/// semantics are those of <see cref="MeasureEngine.Populations"/>). What comes back is a few hundred rows,
/// not one per patient. The client maps each raw key to its stratum with the same
/// <see cref="Stratifiers"/> functions as the embedded engine, so codes, labels and order are identical by
/// construction; several raw keys may fall in one stratum and are added up.
/// </summary>
internal sealed class ClickHouseStratumCounter(ClickHouseCluster cluster, StratumCountSql statements, IAreaDirectory? areas) : IStratumCounter
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
    };

    public StratifiedCounts Count(MeasureDefinition measure, Period period, IReadOnlyList<string> stratifiers)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(stratifiers);
        var patients = Read(statements.Count(measure, period, stratifiers), 2 + StratumCountSql.Flags.Length);
        var events = statements.Events(measure, period, stratifiers)
            .Select(e => (e.Population, e.Statement is null ? new List<string[]>() : Read(e.Statement, 3)))
            .ToList();
        return Assemble(stratifiers, patients, events);
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

    private StratifiedCounts Assemble(IReadOnlyList<string> stratifiers, List<string[]> patients, List<(string Population, List<string[]> Rows)> eventRows)
    {
        var group = new long[StratumCountSql.Flags.Length];
        var groupEvents = new long[eventRows.Count];
        // Per stratifier: stratum → (population counts, event counts), strata as the keys map them.
        var strata = stratifiers.ToDictionary(id => id, _ => new Dictionary<Stratum, (long[] Counts, long[] Events)>(), StringComparer.Ordinal);
        (long[] Counts, long[] Events) Cell(string id, string key)
        {
            var stratum = StratumOf(id, key);
            if (!strata[id].TryGetValue(stratum, out var cell))
            {
                strata[id][stratum] = cell = (new long[StratumCountSql.Flags.Length], new long[eventRows.Count]);
            }
            return cell;
        }
        foreach (var row in patients)
        {
            var counts = row[0].Length == 0 ? group : Cell(row[0], row[1]).Counts;
            for (var f = 0; f < StratumCountSql.Flags.Length; f++)
            {
                counts[f] += long.Parse(row[2 + f], CultureInfo.InvariantCulture);
            }
        }
        for (var e = 0; e < eventRows.Count; e++)
        {
            foreach (var row in eventRows[e].Rows)
            {
                var events = row[0].Length == 0 ? groupEvents : strata.ContainsKey(row[0]) ? Cell(row[0], row[1]).Events : null;
                if (events is not null)
                {
                    events[e] += long.Parse(row[2], CultureInfo.InvariantCulture);
                }
            }
        }
        PopulationCounts Counts(long[] counts, long[] events) => new(
            StratumCountSql.Flags.Select((f, i) => (f.Code, counts[i])).ToDictionary(x => x.Code, x => x.Item2, StringComparer.Ordinal),
            eventRows.Count == 0 ? null : eventRows.Select((r, i) => (r.Population, events[i])).ToDictionary(x => x.Population, x => x.Item2, StringComparer.Ordinal));
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
