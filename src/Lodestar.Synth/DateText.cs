using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lodestar.Synth;

/// <summary>
/// "yyyy-MM-dd" as UTF-8 for every day a run can write, looked up by day number instead of splitting a
/// date into year, month and day each time: about a hundred dates go into every person's record. The
/// table spans births of the oldest people of a 1990 window to the 2100 limit (0.9 MB); a day outside it
/// is formatted the slow way.
/// </summary>
internal static class DateText
{
    public const int Length = 10;

    private static readonly int FirstDay = new DateOnly(1870, 1, 1).DayNumber;
    private static readonly int EndDay = new DateOnly(2111, 1, 1).DayNumber;
    private static readonly byte[] Table = Build();

    /// <summary>Writes the 10 bytes of <paramref name="dayNumber"/> (<see cref="DateOnly.DayNumber"/>) at the start of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> destination, int dayNumber)
    {
        var offset = dayNumber - FirstDay;
        if ((uint)offset < (uint)(EndDay - FirstDay))
        {
            // Two unaligned stores (8 + 2 bytes) rather than a copy call of 10.
            ref var from = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Table), offset * Length);
            var head = Unsafe.ReadUnaligned<ulong>(ref from);
            var tail = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref from, 8));
            MemoryMarshal.Write(destination, in head);
            MemoryMarshal.Write(destination[8..], in tail);
        }
        else
        {
            Format(destination, DateOnly.FromDayNumber(dayNumber));
        }
    }

    private static byte[] Build()
    {
        var table = new byte[(EndDay - FirstDay) * Length];
        for (var day = FirstDay; day < EndDay; day++)
        {
            Format(table.AsSpan((day - FirstDay) * Length), DateOnly.FromDayNumber(day));
        }
        return table;
    }

    private static void Format(Span<byte> span, DateOnly date)
    {
        date.Deconstruct(out var year, out var month, out var day);
        if (year is < 1000 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "years 1000–9999 only");
        }
        Two(span, year / 100);
        Two(span[2..], year % 100);
        span[4] = (byte)'-';
        Two(span[5..], month);
        span[7] = (byte)'-';
        Two(span[8..], day);
    }

    private static void Two(Span<byte> span, int value)
    {
        span[1] = (byte)('0' + value % 10);
        span[0] = (byte)('0' + value / 10);
    }
}
