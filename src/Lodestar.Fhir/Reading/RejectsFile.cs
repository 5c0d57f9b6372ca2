using System.Text.Json;
using Lodestar.IO;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Writes rejected records to <c>rejects.ndjson</c>, one JSON object per line:
/// <c>{"file","line","field","reason","raw"}</c>; warnings go only to the inner sink. The file appears
/// atomically on <see cref="Commit"/> (written beside it, then renamed), so a crashed run leaves no half file.
/// Thread-safe; forwards every diagnostic to an optional inner sink (e.g. the console).
/// </summary>
public sealed class RejectsFile : IFhirDiagnosticSink, IDisposable
{
    private readonly string path;
    private readonly string temporary;
    private readonly FileStream stream;
    private readonly Utf8JsonWriter writer;
    private readonly IFhirDiagnosticSink? inner;
    private readonly Lock gate = new();
    private bool committed;

    public RejectsFile(string path, IFhirDiagnosticSink? inner = null)
    {
        this.path = Path.GetFullPath(path);
        this.inner = inner;
        Directory.CreateDirectory(Path.GetDirectoryName(this.path)!);
        temporary = Path.Combine(Path.GetDirectoryName(this.path)!, $".{Path.GetFileName(this.path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
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
            }
        }
        inner?.OnDiagnostic(diagnostic);
    }

    /// <summary>Moves the finished file into place (replacing an older one).</summary>
    public void Commit()
    {
        lock (gate)
        {
            writer.Dispose();
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
            committed = true;
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
        if (!committed && File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }
}
