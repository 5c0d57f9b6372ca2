using System.Globalization;

namespace Lodestar.Synth;

/// <summary>
/// The current person's index in decimal, formatted once per person because every resource repeats it
/// (ids "e123-4", references "Patient/p123"). The digits are followed by '-' and padded to a fixed block,
/// so <see cref="JsonLine"/> copies them with one fixed-size move and keeps only what it needs.
/// </summary>
internal sealed class PersonId
{
    /// <summary>Bytes <see cref="JsonLine"/> may copy from <see cref="Block"/> at once; longer ids take a second move.</summary>
    public const int FastLength = 16;

    // 19 digits (long.MaxValue) and the dash fit; the rest is padding the fixed-size copies may read.
    private readonly byte[] block = new byte[2 * FastLength];

    /// <summary>The digits, then '-', then padding.</summary>
    public byte[] Block => block;

    /// <summary>Number of digits.</summary>
    public int Length { get; private set; }

    public void Set(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        index.TryFormat(block, out var length, default, CultureInfo.InvariantCulture);
        block[length] = (byte)'-';
        Length = length;
    }
}
