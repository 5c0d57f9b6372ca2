namespace Lodestar.ClickHouse;

/// <summary>
/// Into how many <see cref="PatientBucket"/>s a counting statement is split so that one shard's part of it fits the
/// servers' per-query memory limit. A shard holds the per-patient subquery it joins in memory whole (18.16 cannot
/// spill a JOIN), so memory grows with the shard's patients × the statement's <see cref="PatientColumns.Cost"/>.
/// Measured on 18.16 with its limit at 2 GB: cost 16 at 1,000,000 patients on one shard fitted and cost 32 did not;
/// 10,000,000 patients on 2 shards failed at cost ≤ 16. Each bucket scans the tables again, so a statement is split
/// only as far as its memory needs.
/// </summary>
internal sealed record StatementSizing(long PatientsPerShard, long MaxMemoryBytes)
{
    /// <summary>Patients × cost one statement may hold per 2 GB of per-query memory.</summary>
    internal const double PatientCostPerTwoGigabytes = 16_000_000;

    /// <summary>The finest split: past it a statement that still does not fit is the servers' to fix (a larger limit or more shards).</summary>
    internal const int MaxBuckets = 1024;

    public int Buckets(int cost)
    {
        if (MaxMemoryBytes <= 0 || PatientsPerShard <= 0)
        {
            return 1;
        }
        var fits = PatientCostPerTwoGigabytes * (MaxMemoryBytes / 2e9);
        return (int)Math.Clamp(Math.Ceiling(PatientsPerShard * (double)Math.Max(cost, 1) / fits), 1, MaxBuckets);
    }
}
