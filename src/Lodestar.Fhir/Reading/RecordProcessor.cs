using System.Text;
using System.Text.Json;
using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// Turns the bytes of one record into an accepted resource (handed to the handler) or a rejection
/// (handed to the diagnostics sink with its raw text), keeping the file's counts.
/// One per file, used by one worker.
/// </summary>
internal sealed class RecordProcessor
{
    private const int MaxRawChars = 1 << 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private readonly FhirSource source;
    private readonly int worker;
    private readonly ReadSession session;

    public RecordProcessor(FhirSource source, int worker, ReadSession session)
    {
        this.source = source;
        this.worker = worker;
        this.session = session;
    }

    public long Records { get; private set; }

    public long Accepted { get; private set; }

    public long Rejected { get; private set; }

    public FhirFileCounts Counts => new(source.Path, Records, Accepted, Rejected, source.Length);

    public void Process(ReadOnlyMemory<byte> bytes, long line)
    {
        Records++;
        // JSON must be UTF-8 (RFC 8259 §8.1). System.Text.Json only checks string contents when they are read,
        // which would throw later inside a view; one vectorized pass here turns that into a reject.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            Reject(line, "", "not valid UTF-8 text", bytes.Span);
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            Reject(line, "", "malformed JSON: " + Short(e), bytes.Span);
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (ResourceValidator.Check(root, out var type, out var id) is { } problem)
            {
                Reject(line, problem.Field, problem.Reason, bytes.Span);
                return;
            }
            if (session.Options.RejectDuplicates && !session.Keys.Add(KeyHash.Of(type, id)))
            {
                Reject(line, "id", $"duplicate: {type}/{id} was already read; the first copy is kept", bytes.Span);
                return;
            }
            var resource = new FhirResource(source, line, type, id, root, worker);
            if (session.Options.CheckPatientReferences)
            {
                session.References.Observe(resource);
            }
            Accepted++;
            session.Handler.OnResource(resource);
        }
    }

    /// <summary>A record that could not even be delimited (e.g. a Bundle broken mid-way): counted and rejected.</summary>
    public void RejectUndelimited(long line, string field, string reason, ReadOnlySpan<byte> raw)
    {
        Records++;
        Reject(line, field, reason, raw);
    }

    private void Reject(long line, string field, string reason, ReadOnlySpan<byte> raw)
    {
        Rejected++;
        var text = raw.Length > MaxRawChars ? Encoding.UTF8.GetString(raw[..MaxRawChars]) : Encoding.UTF8.GetString(raw);
        session.Report(new FhirDiagnostic(new Diagnostic(source.Path, line, field, reason), FhirDiagnosticKind.Rejected, text));
    }

    /// <summary>A problem with the file rather than one record (e.g. a truncated gzip with no partial line left).</summary>
    public void Warn(long line, string field, string reason) =>
        session.Report(new FhirDiagnostic(new Diagnostic(source.Path, line, field, reason), FhirDiagnosticKind.Warning, null));

    private static string Short(JsonException e)
    {
        // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: n."; the record's own line is reported separately.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var position = e.BytePositionInLine is { } p ? $" (at byte {p + 1})" : "";
        return (cut > 0 ? message[..cut] : message).TrimEnd('.') + position;
    }
}
