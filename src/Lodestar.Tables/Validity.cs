namespace Lodestar.Tables;

/// <summary>A bitmap of which rows hold a value; <c>null</c> bitmap means every row does.</summary>
public sealed class Validity
{
    private readonly ulong[] bits;

    public Validity(int count) => bits = new ulong[(count + 63) >> 6];

    internal Validity(ulong[] bits) => this.bits = bits;

    internal ulong[] Bits => bits;

    public bool this[int row] => (bits[row >> 6] & (1UL << (row & 63))) != 0;

    public void Set(int row) => bits[row >> 6] |= 1UL << (row & 63);

    public Validity Resize(int count)
    {
        var copy = new ulong[(count + 63) >> 6];
        Array.Copy(bits, copy, Math.Min(bits.Length, copy.Length));
        return new Validity(copy);
    }
}
