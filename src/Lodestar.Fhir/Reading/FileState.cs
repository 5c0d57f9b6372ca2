namespace Lodestar.Fhir.Reading;

/// <summary>
/// One file's counts and diagnostic sequencer. Chunks of a file may finish on different workers in any order;
/// their diagnostics are held until every earlier chunk has been emitted, so a file's diagnostics reach the sink
/// in line order.
/// </summary>
internal sealed class FileState(FhirSource source)
{
    private readonly Dictionary<long, List<FhirDiagnostic>> waiting = [];
    private long next;
    private long records;
    private long accepted;
    private long rejected;

    public FhirSource Source { get; } = source;

    public FhirFileCounts Counts => new(Source.Path, Interlocked.Read(ref records), Interlocked.Read(ref accepted), Interlocked.Read(ref rejected), Source.Length);

    public void Add(long recordCount, long acceptedCount, long rejectedCount)
    {
        Interlocked.Add(ref records, recordCount);
        Interlocked.Add(ref accepted, acceptedCount);
        Interlocked.Add(ref rejected, rejectedCount);
    }

    /// <summary>Hands over a finished chunk's diagnostics; emits every chunk's that is now next in line.</summary>
    public void Completed(long sequence, List<FhirDiagnostic> diagnostics, Action<FhirDiagnostic> emit)
    {
        lock (waiting)
        {
            waiting[sequence] = diagnostics;
            while (waiting.Remove(next, out var ready))
            {
                foreach (var diagnostic in ready)
                {
                    emit(diagnostic);
                }
                next++;
            }
        }
    }
}
