using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lodestar.Synth;

/// <summary>
/// The NDJSON bytes of one batch of people, one buffer per resource type, plus where each person's
/// resources start so per-patient Bundles can be cut from the same bytes. A worker fills it; the
/// single writer appends the buffers to the files in batch order, which keeps the output identical
/// whatever the thread count.
/// </summary>
internal sealed class BatchOutput
{
    public const int KindCount = 8;

    private static readonly JsonWriterOptions Options = new()
    {
        // Keep "Doña Ana" and "São" readable; the output is UTF-8 NDJSON, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte>[] buffers = new ArrayBufferWriter<byte>[KindCount];
    private readonly Utf8JsonWriter[] writers = new Utf8JsonWriter[KindCount];
    private readonly List<int[]> personStarts = [];

    public BatchOutput()
    {
        for (var k = 0; k < KindCount; k++)
        {
            buffers[k] = new ArrayBufferWriter<byte>(1 << 16);
            writers[k] = new Utf8JsonWriter(buffers[k], Options);
        }
        Counts = new long[KindCount];
    }

    public long BatchIndex { get; set; }

    public int People => personStarts.Count;

    /// <summary>Resources written per kind in this batch.</summary>
    public long[] Counts { get; }

    public Tally Tally { get; set; } = null!;

    public ReadOnlyMemory<byte> Bytes(ResourceKind kind) => buffers[(int)kind].WrittenMemory;

    /// <summary>Byte offset where person <paramref name="person"/> (0-based in the batch) starts in <paramref name="kind"/>.</summary>
    public int PersonStart(int person, ResourceKind kind) =>
        person < personStarts.Count ? personStarts[person][(int)kind] : buffers[(int)kind].WrittenCount;

    public void Clear(long batchIndex)
    {
        BatchIndex = batchIndex;
        for (var k = 0; k < KindCount; k++)
        {
            buffers[k].ResetWrittenCount();
            writers[k].Reset(buffers[k]);
            Counts[k] = 0;
        }
        personStarts.Clear();
    }

    public void BeginPerson()
    {
        var starts = new int[KindCount];
        for (var k = 0; k < KindCount; k++)
        {
            starts[k] = buffers[k].WrittenCount;
        }
        personStarts.Add(starts);
    }

    /// <summary>Starts a resource of <paramref name="kind"/>: an object with resourceType and id.</summary>
    public Utf8JsonWriter Begin(ResourceKind kind, ReadOnlySpan<byte> resourceType, ReadOnlySpan<char> id)
    {
        var w = writers[(int)kind];
        w.WriteStartObject();
        w.WriteString("resourceType"u8, resourceType);
        w.WriteString("id"u8, id);
        return w;
    }

    /// <summary>Closes the resource and ends its NDJSON line.</summary>
    public void End(ResourceKind kind)
    {
        var w = writers[(int)kind];
        w.WriteEndObject();
        w.Flush();
        var buffer = buffers[(int)kind];
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        w.Reset(buffer);
        Counts[(int)kind]++;
    }

    // ---- small writers shared by every resource -------------------------------------------------

    public static void Coding(Utf8JsonWriter w, ClinicalCode code)
    {
        w.WriteStartObject();
        w.WriteString("system"u8, code.System);
        w.WriteString("code"u8, code.Code);
        w.WriteString("display"u8, code.Display);
        w.WriteEndObject();
    }

    /// <summary>"name": { "coding": [ codes… ], "text": text? }</summary>
    public static void Concept(Utf8JsonWriter w, ReadOnlySpan<byte> name, ClinicalCode first, ClinicalCode? second = null, string? text = null)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WritePropertyName("coding"u8);
        w.WriteStartArray();
        Coding(w, first);
        if (second is not null)
        {
            Coding(w, second);
        }
        w.WriteEndArray();
        if (text is not null)
        {
            w.WriteString("text"u8, text);
        }
        w.WriteEndObject();
    }

    /// <summary>"name": { "coding": [ { system, code } ] } for status-like codes.</summary>
    public static void SimpleConcept(Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<byte> system, ReadOnlySpan<byte> code)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WritePropertyName("coding"u8);
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("system"u8, system);
        w.WriteString("code"u8, code);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Reference(Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<char> reference)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteString("reference"u8, reference);
        w.WriteEndObject();
    }

    public static void Date(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        w.WriteString(name, text[..n]);
    }

    /// <summary>A FHIR dateTime with seconds in UTC ("2021-03-04T14:30:00Z").</summary>
    public static void DateTime(Utf8JsonWriter w, ReadOnlySpan<byte> name, System.DateTime value)
    {
        Span<byte> text = stackalloc byte[24];
        value.TryFormat(text, out var n, "s", CultureInfo.InvariantCulture);
        text[n++] = (byte)'Z';
        w.WriteString(name, text[..n]);
    }

    public static void Quantity(Utf8JsonWriter w, double value, ReadOnlySpan<byte> unit)
    {
        w.WritePropertyName("valueQuantity"u8);
        w.WriteStartObject();
        w.WriteNumber("value"u8, value);
        w.WriteString("unit"u8, unit);
        w.WriteString("system"u8, "http://unitsofmeasure.org"u8);
        w.WriteString("code"u8, unit);
        w.WriteEndObject();
    }
}
