namespace Lodestar.Fhir.Reading;

/// <summary>
/// Live counters of a read in progress, for a progress bar (MB/s, resources/s): pass one in
/// <see cref="FhirReaderOptions.Progress"/> and poll it from any thread (e.g. a timer) while <see cref="FhirReader.Read"/> runs.
/// </summary>
public sealed class FhirReadProgress
{
    private long bytes;
    private long accepted;
    private long rejected;

    /// <summary>Bytes read from disk so far (compressed bytes for .gz files), comparable with the sources' total Length.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public long Accepted => Interlocked.Read(ref accepted);

    public long Rejected => Interlocked.Read(ref rejected);

    internal void AddBytes(long count) => Interlocked.Add(ref bytes, count);

    internal void AddRecords(long acceptedCount, long rejectedCount)
    {
        Interlocked.Add(ref accepted, acceptedCount);
        Interlocked.Add(ref rejected, rejectedCount);
    }
}
