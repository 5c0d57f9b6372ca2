using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// The producer side of one file: collects the records <see cref="FileReader"/> cuts out into ~1 MiB chunks and
/// queues them for the workers. The copy is cheap next to parsing, and it frees the reader's buffer at once.
/// </summary>
internal sealed class ChunkWriter(FileState file, Action<Chunk> dispatch)
{
    private const int ChunkSize = 1 << 20;

    private long sequence;
    private Chunk current = new(file, 0, ChunkSize);

    public FhirSource Source => file.Source;

    public void Record(ReadOnlySpan<byte> bytes, long line) => Add(bytes, line, null, null);

    /// <summary>A record the producer already knows is bad (it cannot even be delimited as JSON).</summary>
    public void RejectUndelimited(long line, string field, string reason, ReadOnlySpan<byte> raw) => Add(raw, line, field, reason);

    /// <summary>A problem with the file rather than one record (e.g. a truncated gzip at a line boundary).</summary>
    public void Warn(long line, string field, string reason) =>
        current.Trailing.Add(new FhirDiagnostic(new Diagnostic(file.Source.Path, line, field, reason), FhirDiagnosticKind.Warning, null));

    /// <summary>Queues the last chunk (possibly empty: it still carries trailing warnings and closes the sequence).</summary>
    public void Complete() => Dispatch();

    private void Add(ReadOnlySpan<byte> bytes, long line, string? field, string? reason)
    {
        if (!current.HasRoom(bytes.Length) && current.Records.Count > 0)
        {
            Dispatch();
            current = new Chunk(file, ++sequence, Math.Max(ChunkSize, bytes.Length));
        }
        current.Add(bytes, line, field, reason);
    }

    private void Dispatch() => dispatch(current);
}
