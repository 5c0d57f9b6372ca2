using L = Lodestar.ClickHouse.SqlLiteral;

namespace Lodestar.ClickHouse;

/// <summary>
/// One of <see cref="Count"/> disjoint slices of the patients, by a hash of the patient key that is independent of
/// the shards' FNV-1a routing (sipHash64), so every shard's patients spread over every bucket. A NULL key falls in
/// bucket 0. Counts are sums over patients, so a statement's counts are the sums of its buckets' counts.
/// </summary>
internal sealed record PatientBucket(int Index, int Count)
{
    public string Predicate(string key) => $"ifNull(sipHash64({key}) % {L.Int(Count)}, 0) = {L.Int(Index)}";
}
