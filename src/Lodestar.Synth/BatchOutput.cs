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

    private readonly JsonLine[] lines = new JsonLine[KindCount];
    // Start offsets of each person's resources, KindCount per person, flat so beginning a person allocates nothing.
    private int[] personStarts = new int[KindCount * SynthGenerator.BatchSize];
    private int people;

    public BatchOutput()
    {
        for (var k = 0; k < KindCount; k++)
        {
            lines[k] = new JsonLine();
        }
        Counts = new long[KindCount];
    }

    public long BatchIndex { get; private set; }

    public int People => people;

    /// <summary>Resources written per kind in this batch.</summary>
    public long[] Counts { get; }

    public Tally Tally { get; init; } = null!;

    public ReadOnlyMemory<byte> Bytes(ResourceKind kind) => lines[(int)kind].Written;

    /// <summary>Byte offset where person <paramref name="person"/> (0-based in the batch) starts in <paramref name="kind"/>.</summary>
    public int PersonStart(int person, ResourceKind kind) =>
        person < people ? personStarts[person * KindCount + (int)kind] : lines[(int)kind].Length;

    public void Clear(long batchIndex)
    {
        BatchIndex = batchIndex;
        for (var k = 0; k < KindCount; k++)
        {
            lines[k].Clear();
            Counts[k] = 0;
        }
        people = 0;
        Tally.Clear();
    }

    /// <summary>The current person's index in decimal (as in "p123", "e123-4").</summary>
    public PersonId PersonId { get; } = new();

    public void BeginPerson(long index)
    {
        PersonId.Set(index);
        if ((people + 1) * KindCount > personStarts.Length)
        {
            Array.Resize(ref personStarts, personStarts.Length * 2);
        }
        var starts = personStarts.AsSpan(people * KindCount, KindCount);
        for (var k = 0; k < KindCount; k++)
        {
            starts[k] = lines[k].Length;
        }
        people++;
    }

    /// <summary>The buffer to write a resource of <paramref name="kind"/> into; finish it with <see cref="End"/>.</summary>
    public JsonLine Begin(ResourceKind kind) => lines[(int)kind];

    /// <summary>Closes the resource object and ends its NDJSON line.</summary>
    public void End(ResourceKind kind)
    {
        lines[(int)kind].Raw("}\n"u8);
        Counts[(int)kind]++;
    }
}
