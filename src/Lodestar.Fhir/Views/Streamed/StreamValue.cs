namespace Lodestar.Fhir.Views.Streamed;

/// <summary>
/// An item of a collection while a view is evaluated on the one-pass reader's record. It holds no object reference
/// (text is found by position in the scanner's scratch buffer or the plan's literals), so copying one costs no GC write
/// barrier: evaluation copies items all the time.
/// </summary>
internal readonly struct StreamValue
{
    private StreamValue(StreamValueKind kind, int node, int index, int start, int length, bool flag)
    {
        Kind = kind;
        Node = node;
        Index = index;
        Start = start;
        Length = length;
        Flag = flag;
    }

    public StreamValueKind Kind { get; }

    /// <summary>For an instance: its node's index. For a literal: its index in the plan's literals.</summary>
    public int Node { get; }

    /// <summary>For an instance: its index among its node's values.</summary>
    public int Index { get; }

    /// <summary>For text: where it starts in the scratch buffer.</summary>
    public int Start { get; }

    /// <summary>For text and literals: the length in bytes.</summary>
    public int Length { get; }

    public bool Flag { get; }

    public static StreamValue Instance(int node, int index) => new(StreamValueKind.Instance, node, index, 0, 0, false);

    /// <summary>Text written to the scanner's scratch buffer while evaluating.</summary>
    public static StreamValue FromScratch(int start, int length) => new(StreamValueKind.Text, 0, 0, start, length, false);

    /// <summary>A string literal of the plan.</summary>
    public static StreamValue FromLiteral(int literal, int length) => new(StreamValueKind.Literal, literal, 0, 0, length, false);

    public static StreamValue FromBoolean(bool value) => new(StreamValueKind.Boolean, 0, 0, 0, 0, value);
}
