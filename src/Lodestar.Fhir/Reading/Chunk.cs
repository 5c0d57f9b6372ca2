using System.Buffers;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// A batch of records cut from one file (about 1 MiB), the unit of parallel work: a file's producer fills chunks
/// in order and numbers them, any worker parses one, and the file's <see cref="FileState"/> puts the
/// diagnostics back in order. The buffer is pooled and returned when the chunk is done.
/// </summary>
internal sealed class Chunk
{
    public Chunk(FileState file, long sequence, int capacity)
    {
        File = file;
        Sequence = sequence;
        Buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public FileState File { get; }

    public long Sequence { get; }

    public byte[] Buffer { get; private set; }

    public int Length { get; private set; }

    public List<ChunkRecord> Records { get; } = [];

    /// <summary>File-level diagnostics (warnings) the producer found after this chunk's records.</summary>
    public List<FhirDiagnostic> Trailing { get; } = [];

    public bool HasRoom(int bytes) => Length + bytes <= Buffer.Length;

    public void Add(ReadOnlySpan<byte> bytes, long line, string? field, string? reason)
    {
        if (!HasRoom(bytes.Length))
        {
            // Only an empty chunk grows (ChunkWriter dispatches a non-empty one first): one record larger than a chunk.
            var bigger = ArrayPool<byte>.Shared.Rent(Length + bytes.Length);
            Buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = bigger;
        }
        bytes.CopyTo(Buffer.AsSpan(Length));
        Records.Add(new ChunkRecord(Length, bytes.Length, line, field, reason));
        Length += bytes.Length;
    }

    public void Release()
    {
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = [];
    }
}
