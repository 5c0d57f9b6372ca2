namespace Lodestar.ClickHouse;

/// <summary>
/// A counting statement for one or more measures: rows of (stratifier id or '' for the group, raw key, then per
/// measure one count per <see cref="StratumCountSql.Flags"/> entry followed by the events of each of that
/// measure's <paramref name="EventPopulations"/>), all as strings. <paramref name="Cost"/> is
/// <see cref="PatientColumns.Cost"/> of its per-patient subquery (what the shards' memory per patient grows with).
/// </summary>
internal sealed record CountStatement(string Sql, IReadOnlyList<IReadOnlyList<string>> EventPopulations, int Cost)
{
    /// <summary>Cells per row.</summary>
    public int Width => 2 + EventPopulations.Sum(e => StratumCountSql.Flags.Length + e.Count);
}
