using System.Text;
using System.Text.Json;
using Lodestar.Diagnostics;
using Lodestar.Fhir.Views.Streamed;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// A worker's side: turns each record of a chunk into an accepted resource (handed to the handler) or a
/// rejection (a diagnostic with the raw text), then hands the chunk's diagnostics to its file's sequencer.
/// One per worker, so handler calls for one worker never overlap.
/// </summary>
internal sealed class ChunkProcessor(int worker, ReadSession session, StreamScanner? scanner)
{
    private const int MaxRawBytes = 1 << 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public void Process(Chunk chunk)
    {
        var diagnostics = new List<FhirDiagnostic>();
        long accepted = 0;
        var source = chunk.File.Source;
        foreach (var record in chunk.Records)
        {
            var bytes = chunk.Buffer.AsMemory(record.Offset, record.Length);
            var type = FhirTypeCounts.Unreadable;
            var rejection = record.Reason is not null
                ? Reject(source, record.Line, record.Field ?? "", record.Reason, bytes.Span)
                : ProcessRecord(source, bytes, record.Line, ref type);
            Tally(type, rejection is null);
            if (rejection is { } reject)
            {
                diagnostics.Add(reject);
            }
            else
            {
                accepted++;
            }
        }
        var rejected = diagnostics.Count;
        diagnostics.AddRange(chunk.Trailing);
        chunk.File.Add(chunk.Records.Count, accepted, rejected);
        session.Options.Progress?.AddRecords(accepted, rejected);
        chunk.File.Completed(chunk.Sequence, diagnostics, session.Emit);
    }

    /// <summary>Accepted and rejected records per resource type, for this worker; the reader adds the workers up.</summary>
    public Dictionary<string, (long Accepted, long Rejected)> Types { get; } = new(StringComparer.Ordinal);

    private void Tally(string type, bool accepted)
    {
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Types, type, out _);
        counts = accepted ? (counts.Accepted + 1, counts.Rejected) : (counts.Accepted, counts.Rejected + 1);
    }

    private FhirDiagnostic? ProcessRecord(FhirSource source, ReadOnlyMemory<byte> bytes, long line, ref string countedAs)
    {
        // JSON must be UTF-8 (RFC 8259 §8.1). System.Text.Json only checks string contents when they are read,
        // which would throw later inside a view; one vectorized pass here turns that into a reject.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            return Reject(source, line, "", "not valid UTF-8 text", bytes.Span);
        }
        if (scanner is not null && scanner.TryRead(bytes))
        {
            return Streamed(source, bytes, line, ref countedAs);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Reject(source, line, "", "malformed JSON: " + Short(e), bytes.Span);
        }
        using (document)
        {
            var root = document.RootElement;
            var problem = ResourceValidator.Check(root, out var type, out var id);
            if (ResourceTypes.IsKnown(type))
            {
                countedAs = type;
            }
            if (problem is { } found)
            {
                return Reject(source, line, found.Field, found.Reason, bytes.Span);
            }
            if (IsDuplicate(type, id))
            {
                return Reject(source, line, "id", Duplicate(type, id), bytes.Span);
            }
            var resource = new FhirResource(source, line, type, id, root, worker);
            if (session.Options.CheckPatientReferences)
            {
                session.References.Observe(resource);
            }
            session.Handler.OnResource(resource);
            return null;
        }
    }

    private bool IsDuplicate(string type, string id) => session.Options.RejectDuplicates && !session.Keys.Add(KeyHash.Of(type, id));

    /// <summary>
    /// The copy read first is kept: with one worker the first in input order, with more whichever a worker reached
    /// first (files and chunks are read in parallel), so the message does not claim input order.
    /// </summary>
    private static string Duplicate(string type, string id) => $"duplicate: {type}/{id} was already read, and that copy is kept";

    /// <summary>
    /// A record the scanner read and computed the rows of: the duplicate and reference checks, then the rows, as
    /// <see cref="ProcessRecord"/> does them for a parsed resource.
    /// </summary>
    private FhirDiagnostic? Streamed(FhirSource source, ReadOnlyMemory<byte> bytes, long line, ref string countedAs)
    {
        var plan = scanner!.Plan!;
        var type = plan.ResourceType;
        var id = scanner.Id;
        countedAs = type;
        if (IsDuplicate(type, id))
        {
            return Reject(source, line, "id", Duplicate(type, id), bytes.Span);
        }
        var resource = new FhirResource(source, line, type, id, default, worker);
        if (session.Options.CheckPatientReferences && !session.References.ObservePatient(resource))
        {
            for (var field = 0; field < plan.Tracked.Length; field++)
            {
                if (scanner.TryTrackedReference(field, out var reference))
                {
                    session.References.ObserveReference(resource, reference);
                }
            }
        }
        var handler = (IFhirRowHandler)session.Handler;
        for (var v = 0; v < plan.Views.Length; v++)
        {
            handler.OnRow(resource, plan.Views[v], scanner.Row(v));
        }
        return null;
    }

    private static FhirDiagnostic Reject(FhirSource source, long line, string field, string reason, ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw.Length > MaxRawBytes ? raw[..MaxRawBytes] : raw);
        return new FhirDiagnostic(new Diagnostic(source.Path, line, field, reason), FhirDiagnosticKind.Rejected, text);
    }

    private static string Short(JsonException e)
    {
        // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: n."; the record's own line is reported separately.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var position = e.BytePositionInLine is { } p ? $" (at byte {p + 1})" : "";
        return (cut > 0 ? message[..cut] : message).TrimEnd('.') + position;
    }
}
