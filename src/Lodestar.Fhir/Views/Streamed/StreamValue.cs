namespace Lodestar.Fhir.Views.Streamed;

/// <summary>An item of a collection while a view is evaluated on the one-pass reader's record.</summary>
internal readonly struct StreamValue
{
    private StreamValue(StreamValueKind kind, int node, int index, byte[]? bytes, int start, int length, bool flag)
    {
        Kind = kind;
        Node = node;
        Index = index;
        Bytes = bytes;
        Start = start;
        Length = length;
        Flag = flag;
    }

    public StreamValueKind Kind { get; }

    /// <summary>For an instance: its node's index.</summary>
    public int Node { get; }

    /// <summary>For an instance: its index among its node's values.</summary>
    public int Index { get; }

    /// <summary>For text: the array holding it.</summary>
    public byte[]? Bytes { get; }

    public int Start { get; }

    public int Length { get; }

    public bool Flag { get; }

    public ReadOnlySpan<byte> Text => Bytes.AsSpan(Start, Length);

    public static StreamValue Instance(int node, int index) => new(StreamValueKind.Instance, node, index, null, 0, 0, false);

    public static StreamValue FromText(byte[] bytes, int start, int length) => new(StreamValueKind.Text, 0, 0, bytes, start, length, false);

    public static StreamValue FromBoolean(bool value) => new(StreamValueKind.Boolean, 0, 0, null, 0, 0, value);
}
