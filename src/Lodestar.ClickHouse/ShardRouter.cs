using System.Text;

namespace Lodestar.ClickHouse;

/// <summary>
/// Which shard holds a patient: FNV-1a 64 of the UTF-8 patient key, modulo the shard count. The patient
/// row and every event row that references it hash the same key, so patient-level joins and IN-subqueries
/// stay on one shard. Stable across processes and .NET versions (string.GetHashCode is not).
/// </summary>
internal static class ShardRouter
{
    public static int ShardOf(string? patientKey, int shards)
    {
        if (patientKey is null)
        {
            return 0;
        }
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(patientKey) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(patientKey, buffer)]
            : Encoding.UTF8.GetBytes(patientKey);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return (int)(hash % (ulong)shards);
    }
}
