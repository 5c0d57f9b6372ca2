namespace Lodestar.Fhir.Reading;

/// <summary>
/// One record inside a <see cref="Chunk"/>: where its bytes are, its line, and — when the producer already
/// knows it is bad (a truncated last line, the unparsable rest of a Bundle) — the field and reason.
/// </summary>
internal readonly record struct ChunkRecord(int Offset, int Length, long Line, string? Field, string? Reason);
