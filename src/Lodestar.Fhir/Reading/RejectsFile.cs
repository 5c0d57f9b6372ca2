using System.Text.Json;
using Lodestar.IO;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Writes rejected records to <c>rejects.ndjson</c>, one JSON object per line:
/// <c>{"file","line","field","reason","raw"}</c>; warnings go only to the inner sink. Records come out in input
/// order, by file (the order of the sources given, else paths in ordinal order) then line, whichever order parallel
/// workers reported them in, so the same input gives the same file. The file appears atomically on
/// <see cref="Commit"/> (written beside it, then renamed), so a crashed run leaves no half file.
/// Thread-safe; forwards every diagnostic to an optional inner sink (e.g. the console).
/// </summary>
public sealed class RejectsFile : IFhirDiagnosticSink, IDisposable
{
    private readonly string path;
    private readonly string temporary;
    private readonly FileStream stream;
    private readonly Utf8JsonWriter writer;
    private readonly IFhirDiagnosticSink? inner;
    private readonly Dictionary<string, int> rank;
    private readonly Lock gate = new();

    /// <summary>
    /// Stretches of the temporary file written for one source, in the order written. A source's records arrive in
    /// line order (the reader's per-file sequencer), so putting the stretches in source order puts every record in order.
    /// </summary>
    private readonly List<(string Source, long Start, long Length)> runs = [];
    private bool committed;

    /// <param name="path">Where the file appears on <see cref="Commit"/>.</param>
    /// <param name="inner">Receives every diagnostic too.</param>
    /// <param name="sources">The input order to write records in; without it, paths in ordinal order.</param>
    public RejectsFile(string path, IFhirDiagnosticSink? inner = null, IReadOnlyList<FhirSource>? sources = null)
    {
        this.path = Path.GetFullPath(path);
        this.inner = inner;
        rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var source in sources ?? [])
        {
            rank.TryAdd(source.Path, rank.Count);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(this.path)!);
        temporary = Path.Combine(Path.GetDirectoryName(this.path)!, $".{Path.GetFileName(this.path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>How many records were rejected so far.</summary>
    public long Count { get; private set; }

    public void OnDiagnostic(in FhirDiagnostic diagnostic)
    {
        if (diagnostic.Kind == FhirDiagnosticKind.Rejected)
        {
            lock (gate)
            {
                var start = stream.Position;
                // Each record is a JSON text of its own: without a reset the writer puts a list separator (",") before
                // every object after the first, and lines 2 onwards were not JSON.
                writer.Reset();
                writer.WriteStartObject();
                writer.WriteString("file", diagnostic.Diagnostic.Source);
                writer.WriteNumber("line", diagnostic.Diagnostic.Line);
                writer.WriteString("field", diagnostic.Diagnostic.Field);
                writer.WriteString("reason", diagnostic.Diagnostic.Reason);
                writer.WriteString("raw", diagnostic.Raw ?? "");
                writer.WriteEndObject();
                writer.Flush();
                stream.WriteByte((byte)'\n');
                Count++;
                var length = stream.Position - start;
                if (runs.Count > 0 && runs[^1].Source == diagnostic.Diagnostic.Source)
                {
                    runs[^1] = runs[^1] with { Length = runs[^1].Length + length };
                }
                else
                {
                    runs.Add((diagnostic.Diagnostic.Source, start, length));
                }
            }
        }
        inner?.OnDiagnostic(diagnostic);
    }

    /// <summary>Puts the records in input order and moves the finished file into place (replacing an older one).</summary>
    public void Commit()
    {
        lock (gate)
        {
            writer.Dispose();
            var ordered = runs.OrderBy(r => r.Source, Comparer<string>.Create(CompareSources)).ToList(); // stable: a file's runs keep their order
            if (ordered.SequenceEqual(runs))
            {
                stream.Flush(flushToDisk: true);
                stream.Dispose();
                File.Move(temporary, path, overwrite: true);
            }
            else
            {
                try
                {
                    AtomicFile.Write(path, output =>
                    {
                        foreach (var (_, start, length) in ordered)
                        {
                            stream.Position = start;
                            CopyBytes(stream, output, length);
                        }
                    });
                }
                finally
                {
                    stream.Dispose();
                    File.Delete(temporary);
                }
            }
            committed = true;
        }
    }

    private int CompareSources(string a, string b)
    {
        var (rankA, rankB) = (rank.GetValueOrDefault(a, int.MaxValue), rank.GetValueOrDefault(b, int.MaxValue));
        return rankA != rankB ? rankA.CompareTo(rankB) : string.CompareOrdinal(a, b);
    }

    private static void CopyBytes(Stream from, Stream to, long count)
    {
        var buffer = new byte[1 << 16];
        while (count > 0)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new EndOfStreamException("the rejects file being sorted ended early");
            }
            to.Write(buffer, 0, read);
            count -= read;
        }
    }

    public void Dispose()
    {
        if (committed)
        {
            return;
        }
        writer.Dispose();
        stream.Dispose();
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }
}
