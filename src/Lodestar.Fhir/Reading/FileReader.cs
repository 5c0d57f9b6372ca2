using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Cuts one file into records with a pooled buffer that holds only the current record (plus read-ahead), never
/// the file: NDJSON is split at line feeds; a Bundle is walked with <see cref="Utf8JsonReader"/> and each
/// <c>entry[].resource</c> is cut out on its own, so memory follows the largest resource, not the file.
/// Records go to a <see cref="ChunkWriter"/>; parsing and checking happen on the workers.
/// </summary>
internal sealed class FileReader
{
    private const int InitialBuffer = 1 << 20;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly FhirSource source;
    private readonly ChunkWriter processor;
    private readonly FhirReadProgress? progress;
    private FileStream? file;
    private long reported;
    private long decompressed;

    public FileReader(FhirSource source, ChunkWriter processor, FhirReadProgress? progress)
    {
        this.source = source;
        this.processor = processor;
        this.progress = progress;
    }

    public void Read()
    {
        Stream stream;
        try
        {
            stream = Open();
        }
        catch (IOException e)
        {
            processor.Warn(0, "", "cannot open the file: " + e.Message);
            processor.Complete();
            return;
        }
        catch (UnauthorizedAccessException e)
        {
            processor.Warn(0, "", "cannot open the file: " + e.Message);
            processor.Complete();
            return;
        }
        using (stream)
        {
            if (source.Format == FhirSourceFormat.Ndjson)
            {
                ReadNdjson(stream);
            }
            else
            {
                ReadJson(stream);
            }
        }
        processor.Complete();
    }

    private Stream Open()
    {
        file = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        reported = 0;
        return source.Compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
    }

    /// <summary>Reads into buffer[offset..]; a corrupt or truncated gzip stream ends the input and is reported.</summary>
    private int Fill(Stream stream, byte[] buffer, int offset, ref string? failure)
    {
        try
        {
            var read = stream.Read(buffer, offset, buffer.Length - offset);
            decompressed += read;
            if (progress is not null && file is not null)
            {
                var position = file.Position;
                progress.AddBytes(position - reported);
                reported = position;
            }
            if (read == 0 && failure is null && source.Compressed && !GzipSizeMatches())
            {
                failure = "the gzip data is truncated (the file ends before the gzip trailer)";
            }
            return read;
        }
        catch (InvalidDataException e)
        {
            failure = "the gzip data is corrupt or truncated: " + e.Message;
        }
        catch (EndOfStreamException e)
        {
            failure = "the gzip data is truncated: " + e.Message;
        }
        catch (IOException e)
        {
            failure = "read error: " + e.Message;
        }
        return 0;
    }

    /// <summary>
    /// .NET's GZipStream ends quietly when a file is cut off, so compare what we decompressed with the gzip
    /// trailer's ISIZE (RFC 1952 §2.3.1: the input size modulo 2^32, the file's last four bytes). A cut-off file
    /// ends in compressed data instead, which matches by chance with odds of 1 in 2^32. (Multi-member gzip files,
    /// rare in bulk exports, would be flagged too: the trailer only covers the last member.)
    /// </summary>
    private bool GzipSizeMatches()
    {
        using var trailerFile = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (trailerFile.Length < 18)
        {
            return false;
        }
        Span<byte> trailer = stackalloc byte[4];
        trailerFile.Seek(-4, SeekOrigin.End);
        trailerFile.ReadExactly(trailer);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer) == (uint)decompressed;
    }

    private void ReadNdjson(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var length = 0;
            var start = 0;
            long line = 0;
            string? failure = null;
            while (true)
            {
                var read = Fill(stream, buffer, length, ref failure);
                var final = read == 0;
                length += read;
                while (true)
                {
                    var newline = buffer.AsSpan(start, length - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }
                    line++;
                    Line(buffer, start, newline, line, truncated: null);
                    start += newline + 1;
                }
                if (final)
                {
                    if (start < length)
                    {
                        line++;
                        Line(buffer, start, length - start, line, failure);
                    }
                    else if (failure is not null)
                    {
                        processor.Warn(line + 1, "", failure);
                    }
                    return;
                }
                if (start == 0 && length == buffer.Length)
                {
                    // A line longer than the buffer: grow it (memory follows the longest record).
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, length - start).CopyTo(buffer);
                    length -= start;
                    start = 0;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Line(byte[] buffer, int start, int count, long line, string? truncated)
    {
        var span = buffer.AsSpan(start, count);
        if (line == 1 && span.StartsWith(Utf8Bom))
        {
            start += 3;
            count -= 3;
            span = span[3..];
        }
        var trimmed = span.TrimEnd("\r\t "u8);
        var lead = trimmed.Length - trimmed.TrimStart("\t "u8).Length;
        if (trimmed.Length - lead == 0)
        {
            return; // blank lines are not records
        }
        if (truncated is not null)
        {
            processor.RejectUndelimited(line, "", truncated, trimmed);
            return;
        }
        processor.Record(trimmed[lead..], line);
    }

    /// <summary>
    /// A .json file: a Bundle's entries are streamed one resource at a time; any other resource is read whole.
    /// </summary>
    private void ReadJson(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var length = 0;
        var position = 0;
        long baseOffset = 0;
        long countedTo = 0;
        long line = 1;
        var final = false;
        string? failure = null;
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        var pending = BundleProperty.None;
        var inEntries = false;
        var expectResource = false;
        var sawEntries = false;
        var sawAnything = false;
        var sawBundleType = false;

        void CountLines(long to)
        {
            line += buffer.AsSpan((int)(countedTo - baseOffset), (int)(to - countedTo)).Count((byte)'\n');
            countedTo = to;
        }

        void Refill()
        {
            CountLines(baseOffset + position);
            if (position > 0)
            {
                buffer.AsSpan(position, length - position).CopyTo(buffer);
                baseOffset += position;
                length -= position;
                position = 0;
            }
            if (length == buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }
            var read = Fill(stream, buffer, length, ref failure);
            length += read;
            final = read == 0;
        }

        try
        {
            Refill();
            if (length >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Utf8Bom))
            {
                position = 3;
            }
            while (true)
            {
                var reader = new Utf8JsonReader(buffer.AsSpan(position, length - position), final, state);
                var restartAt = -1L;
                JsonReaderState restartState = default;
                var done = false;
                try
                {
                    while (true)
                    {
                        var before = reader.CurrentState;
                        var beforeConsumed = reader.BytesConsumed;
                        if (!reader.Read())
                        {
                            done = final;
                            break;
                        }
                        sawAnything = true;
                        if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.EndObject)
                        {
                            processor.RejectUndelimited(1, "", "not a JSON object", buffer.AsSpan(position, Math.Min(length - position, 4096)));
                            return;
                        }
                        if (expectResource)
                        {
                            expectResource = false;
                            if (reader.TokenType == JsonTokenType.StartObject)
                            {
                                var start = baseOffset + position + reader.TokenStartIndex;
                                if (!reader.TrySkip())
                                {
                                    // The resource is not all in the buffer yet: come back to this token after reading more.
                                    expectResource = true;
                                    restartAt = beforeConsumed;
                                    restartState = before;
                                    break;
                                }
                                var end = baseOffset + position + reader.BytesConsumed;
                                CountLines(start);
                                processor.Record(buffer.AsSpan((int)(start - baseOffset), (int)(end - start)), line);
                            }
                            continue;
                        }
                        switch (reader.TokenType)
                        {
                            case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                                pending = reader.ValueTextEquals("entry"u8) ? BundleProperty.Entry
                                    : reader.ValueTextEquals("resourceType"u8) ? BundleProperty.ResourceType
                                    : BundleProperty.None;
                                continue;
                            case JsonTokenType.PropertyName when inEntries && reader.CurrentDepth == 3:
                                expectResource = reader.ValueTextEquals("resource"u8);
                                continue;
                            case JsonTokenType.StartArray when pending == BundleProperty.Entry && reader.CurrentDepth == 1:
                                inEntries = true;
                                sawEntries = true;
                                break;
                            case JsonTokenType.EndArray when inEntries && reader.CurrentDepth == 1:
                                inEntries = false;
                                break;
                            case JsonTokenType.String when pending == BundleProperty.ResourceType:
                                sawBundleType = true;
                                if (!reader.ValueTextEquals("Bundle"u8) && !sawEntries)
                                {
                                    ReadWhole();
                                    return;
                                }
                                break;
                        }
                        pending = BundleProperty.None;
                    }
                }
                catch (JsonException e)
                {
                    var at = baseOffset + position + reader.BytesConsumed;
                    CountLines(Math.Min(at, baseOffset + length));
                    var reason = failure ?? "malformed JSON: " + e.Message.Split(" LineNumber:")[0];
                    // Only the bytes read so far: past length, the pooled buffer holds whatever it held before (other files' text).
                    var rest = buffer.AsSpan(0, length)[(int)(Math.Min(at, baseOffset + length) - baseOffset)..];
                    processor.RejectUndelimited(line, "", reason + "; the rest of the file is skipped", rest[..Math.Min(rest.Length, 64 * 1024)]);
                    return;
                }
                if (done)
                {
                    if (!sawAnything)
                    {
                        processor.RejectUndelimited(1, "", failure ?? "the file is empty", []);
                    }
                    else if (!sawBundleType && failure is null)
                    {
                        // Valid JSON but no FHIR: e.g. a ground-truth or settings file left beside the data.
                        processor.RejectUndelimited(1, "resourceType", "not a FHIR resource or Bundle: the file has no resourceType at the top level", []);
                    }
                    else if (failure is not null)
                    {
                        processor.Warn(line, "", failure);
                    }
                    return;
                }
                if (restartAt >= 0)
                {
                    position += (int)restartAt;
                    state = restartState;
                }
                else
                {
                    position += (int)reader.BytesConsumed;
                    state = reader.CurrentState;
                }
                Refill();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A .json file holding one resource (not a Bundle): read whole, as one record on line 1.</summary>
    private void ReadWhole()
    {
        decompressed = 0; // the streaming attempt already counted part of the file
        var alreadyReported = reported;
        using var stream = Open();
        reported = alreadyReported; // progress counts the file once: deltas from here net out to its length
        using var memory = new MemoryStream();
        string? failure = null;
        var chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = Fill(stream, chunk, 0, ref failure)) > 0)
            {
                memory.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        var bytes = memory.GetBuffer().AsMemory(0, (int)memory.Length);
        if (bytes.Span.StartsWith(Utf8Bom))
        {
            bytes = bytes[3..];
        }
        if (failure is not null)
        {
            processor.RejectUndelimited(1, "", failure, bytes.Span);
            return;
        }
        processor.Record(bytes.Span, 1);
    }
}
