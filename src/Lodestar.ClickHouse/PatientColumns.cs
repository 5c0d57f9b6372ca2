using L = Lodestar.ClickHouse.SqlLiteral;
using S = Lodestar.Measures.Engine.ClinicalSchema;

namespace Lodestar.ClickHouse;

/// <summary>
/// The event criteria of one counting statement as per-patient columns of one subquery over a shard's local
/// tables, so that the patient table is joined once (18.16 allows one JOIN per SELECT) instead of running an
/// <c>IN (SELECT patient_key …)</c> per criterion. Criteria over the same table are computed in ONE scan of it,
/// <c>GROUP BY patient_key</c> with an <c>-If</c> aggregate per criterion over the rows any of them reads; the
/// scans are put together with <c>UNION ALL</c> and grouped by patient once more. A patient without rows is
/// missing from the subquery, and the LEFT JOIN gives their columns 0 ("no"). Identical criteria share a
/// column. Every column is non-NULL: UInt8 flags, UInt64 event counts.
/// </summary>
internal sealed class PatientColumns(PatientBucket? bucket = null)
{
    private readonly Dictionary<string, Scan> scans = new(StringComparer.Ordinal);
    /// <summary>FROM … WHERE of a joined criterion → its columns (a flag and an event count over the same pairs share one branch).</summary>
    private readonly Dictionary<string, Dictionary<string, string>> joined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);
    private readonly List<(string Alias, string Type)> columns = [];

    /// <summary>
    /// The filter every scan of a local table starts with: rows of a patient, of this statement's bucket when it is
    /// split (<see cref="StatementSizing"/>), so a shard aggregates and joins only that bucket's patients.
    /// </summary>
    public string KeyRows { get; } = bucket is null ? $"{S.PatientKey} IS NOT NULL" : $"{S.PatientKey} IS NOT NULL AND {bucket.Predicate(S.PatientKey)}";

    /// <summary>Whether any criterion has become a column (else the statement needs no JOIN).</summary>
    public bool IsEmpty => columns.Count == 0;

    /// <summary>Columns so far.</summary>
    public int Count => columns.Count;

    /// <summary>
    /// What the columns so far cost the shards in memory per patient, in units of one flag: a latest reading is
    /// grouped by patient and day with a state per reading, and distinct days keep a hash set per patient, so
    /// each weighs <see cref="HeavyWeight"/> (at 1M patients on one shard the catalog's by-day observation scan
    /// alone peaked at 1.34 GiB, its immunization scan with distinct days at 0.97 GiB).
    /// </summary>
    public int Cost { get; private set; }

    /// <summary>The weight of a latest-reading or distinct-days column against a plain flag's 1.</summary>
    public const int HeavyWeight = 4;

    /// <summary>1 when the patient has at least <paramref name="atLeast"/> rows of the table matching <paramref name="rows"/>.</summary>
    public string Exists(string table, string rows, int atLeast = 1) =>
        Add(table, rows, atLeast == 1 ? new Column(Kind.Exists, rows) : new Column(Kind.AtLeast, rows, Count: atLeast));

    /// <summary>1 when the patient's matching rows fall on at least <paramref name="atLeast"/> distinct values of a (non-NULL in those rows) date column.</summary>
    public string DistinctDays(string table, string rows, string dateColumn, int atLeast) =>
        Add(table, rows, new Column(Kind.DistinctDays, rows, Value: dateColumn, Count: atLeast));

    /// <summary>The patient's matching rows as a count (UInt64), for populations counted in events.</summary>
    public string Events(string table, string rows) => Add(table, rows, new Column(Kind.Events, rows));

    /// <summary>
    /// On the patient's latest day with a matching row (<paramref name="day"/> must be non-NULL in those rows), the
    /// lowest of each reading, tested by <paramref name="passes"/>(value, systolic, diastolic): min skips NULLs, and
    /// a reading that is NULL on that day stays NULL (so "missing passes" decides), as the bitmap engine does.
    /// </summary>
    public string Latest(string table, string rows, string day, IReadOnlyList<string> readings, Func<IReadOnlyList<string>, string> passes) =>
        Add(table, rows, new Column(Kind.Latest, rows, Value: day, Readings: readings, Passes: passes));

    /// <summary>
    /// A criterion that needs its own JOIN (readmission pairs, relative events): <paramref name="fromWhere"/> is a
    /// FROM … WHERE over one shard's local tables with a patient_key column; the patient has the flag when it
    /// yields a row, or <paramref name="count"/> (an aggregate) as a UInt64 when given.
    /// </summary>
    public string Joined(string fromWhere, string? count = null)
    {
        var key = $"join\n{count}\n{fromWhere}";
        if (aliases.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var alias = NewAlias(count is null ? "UInt8" : "UInt64");
        aliases[key] = alias;
        if (!joined.TryGetValue(fromWhere, out var values))
        {
            joined[fromWhere] = values = new Dictionary<string, string>(StringComparer.Ordinal);
        }
        values[alias] = count is null ? "toUInt8(1)" : $"toUInt64({count})";
        return alias;
    }

    /// <summary>The subquery of (patient_key, every column), over one shard's local tables; null when there are no columns.</summary>
    public string? Subquery()
    {
        if (IsEmpty)
        {
            return null;
        }
        var branches = new List<(string From, IReadOnlyDictionary<string, string> Values)>();
        foreach (var scan in scans.Values)
        {
            branches.Add(scan.Render(KeyRows));
        }
        foreach (var (fromWhere, values) in joined)
        {
            branches.Add(($"{fromWhere} GROUP BY {S.PatientKey}", values));
        }
        // One branch: its columns are the answer. Several: each branch gives every column (0 where it is another
        // branch's), and the union is grouped by patient once more; max() of one real value and zeros is that value.
        if (branches.Count == 1)
        {
            return $"{Select(branches[0].Values, a => a)} {branches[0].From}";
        }
        var union = string.Join(" UNION ALL ", branches.Select(b => $"{Select(b.Values, Inner)} {b.From}"));
        return $"SELECT {S.PatientKey}, {string.Join(", ", columns.Select(c => $"max({Inner(c.Alias)}) AS {c.Alias}"))} FROM ({union}) GROUP BY {S.PatientKey}";

        string Select(IReadOnlyDictionary<string, string> values, Func<string, string> name) =>
            $"SELECT {S.PatientKey}, " + string.Join(", ", columns.Select(c =>
                (values.TryGetValue(c.Alias, out var v) ? v : $"to{c.Type}(0)") + " AS " + name(c.Alias)));
    }

    /// <summary>A column's name inside the union's branches (distinct from the outer name: 18.16 refuses max(x) AS x).</summary>
    private static string Inner(string alias) => alias + "_b";

    private string Add(string table, string rows, Column column)
    {
        // The test of a latest reading is part of its identity: the same rows tested against another threshold are another column.
        var test = column.Passes?.Invoke(column.Readings!.Select((_, i) => $"r{i}").ToList()) ?? "";
        var key = $"{table}\n{column.Kind}\n{column.Rows}\n{column.Value}\n{column.Count}\n{(column.Readings is null ? "" : string.Join("\n", column.Readings))}\n{test}";
        if (aliases.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var alias = NewAlias(column.Kind == Kind.Events ? "UInt64" : "UInt8");
        aliases[key] = alias;
        Cost += column.Kind is Kind.Latest or Kind.DistinctDays ? HeavyWeight - 1 : 0;
        if (!scans.TryGetValue(table, out var scan))
        {
            scans[table] = scan = new Scan(table);
        }
        scan.Add(alias, rows, column);
        return alias;
    }

    private string NewAlias(string type)
    {
        Cost++;
        var alias = $"lodestar_c{columns.Count}";
        columns.Add((alias, type));
        return alias;
    }

    private enum Kind
    {
        Exists,
        AtLeast,
        DistinctDays,
        Events,
        Latest,
    }

    private sealed record Column(Kind Kind, string Rows, string? Value = null, int Count = 0,
        IReadOnlyList<string>? Readings = null, Func<IReadOnlyList<string>, string>? Passes = null);

    /// <summary>One table's columns, computed in one scan of it.</summary>
    private sealed class Scan(string table)
    {
        private readonly List<(string Alias, Column Column)> items = [];
        private readonly List<string> filters = [];

        public void Add(string alias, string rows, Column column)
        {
            items.Add((alias, column));
            if (!filters.Contains(rows, StringComparer.Ordinal))
            {
                filters.Add(rows);
            }
        }

        /// <summary>
        /// The scan's FROM … GROUP BY (its SELECT list is the caller's), and each of its columns' value. Rows
        /// no criterion reads are dropped before grouping. With a latest-reading column the scan groups by
        /// (patient, day) first, and every column is computed from the day groups.
        /// </summary>
        public (string Sql, IReadOnlyDictionary<string, string> Values) Render(string keyRows)
        {
            var local = ClickHouseSchema.Local(table);
            var where = $"{keyRows} AND ({string.Join(" OR ", filters.Select(f => $"({f})"))})";
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (items.All(i => i.Column.Kind != Kind.Latest))
            {
                foreach (var (alias, c) in items)
                {
                    values[alias] = c.Kind switch
                    {
                        Kind.Exists => $"toUInt8(countIf({c.Rows}) > 0)",
                        Kind.AtLeast => $"toUInt8(countIf({c.Rows}) >= {L.Int(c.Count)})",
                        // A non-Nullable argument: 18.16's -If over a Nullable argument mis-handles groups without a match.
                        Kind.DistinctDays => $"toUInt8(uniqExactIf(assumeNotNull({c.Value}), {c.Rows}) >= {L.Int(c.Count)})",
                        Kind.Events => $"toUInt64(countIf({c.Rows}))",
                        _ => throw new InvalidOperationException(c.Kind.ToString()),
                    };
                }
                return ($"FROM {local} WHERE {where} GROUP BY {S.PatientKey}", values);
            }
            var days = items.Where(i => i.Column.Kind == Kind.Latest).Select(i => i.Column.Value).Distinct(StringComparer.Ordinal).ToList();
            if (days.Count != 1)
            {
                throw new InvalidOperationException($"{table}: latest-reading criteria over different day columns");
            }
            const string Day = "lodestar_day";
            var inner = new List<string>();
            foreach (var (alias, c) in items)
            {
                switch (c.Kind)
                {
                    case Kind.Exists:
                        inner.Add($"toUInt8(countIf({c.Rows}) > 0) AS {alias}_h");
                        values[alias] = $"max({alias}_h)";
                        break;
                    case Kind.AtLeast:
                    case Kind.Events:
                        inner.Add($"countIf({c.Rows}) AS {alias}_n");
                        values[alias] = c.Kind == Kind.Events ? $"toUInt64(sum({alias}_n))" : $"toUInt8(sum({alias}_n) >= {L.Int(c.Count)})";
                        break;
                    case Kind.Latest:
                        // min(if(rows, x, NULL)), not minIf(x, rows): 18.16's -If over a Nullable argument returns 0,
                        // not NULL, for a group where the matching rows are all NULL.
                        inner.Add($"toUInt8(countIf({c.Rows}) > 0) AS {alias}_h");
                        var readings = c.Readings!.Select((r, i) => $"{alias}_r{i}").ToList();
                        inner.AddRange(c.Readings!.Select((r, i) => $"min(if({c.Rows}, {r}, NULL)) AS {alias}_r{i}"));
                        // argMaxIf over a tuple: over a Nullable argument it would skip the days where the reading is NULL.
                        var latest = $"argMaxIf(tuple({string.Join(", ", readings)}), {Day}, {alias}_h)";
                        values[alias] = $"toUInt8(max({alias}_h) AND {c.Passes!(readings.Select((_, i) => $"tupleElement({latest}, {i + 1})").ToList())})";
                        break;
                    default:
                        throw new InvalidOperationException($"{table}: {c.Kind} cannot be computed by day");
                }
            }
            var byDay = $"SELECT {S.PatientKey}, assumeNotNull({days[0]}) AS {Day}, {string.Join(", ", inner)} FROM {local} " +
                $"WHERE {where} GROUP BY {S.PatientKey}, {Day}";
            return ($"FROM ({byDay}) GROUP BY {S.PatientKey}", values);
        }
    }
}
