using System.Numerics;

namespace Lodestar.Measures.Engine;

/// <summary>A set of patients as a bitmap over patient rows; criteria combine with word-wide boolean algebra.</summary>
public sealed class PatientSet
{
    private readonly ulong[] words;

    public PatientSet(int patientCount)
    {
        Count = patientCount;
        words = new ulong[(patientCount + 63) >> 6];
    }

    private PatientSet(int count, ulong[] words)
    {
        Count = count;
        this.words = words;
    }

    /// <summary>The number of patients the set ranges over (not how many are in it).</summary>
    public int Count { get; }

    public bool this[int patient] => (words[patient >> 6] & (1UL << (patient & 63))) != 0;

    public void Add(int patient) => words[patient >> 6] |= 1UL << (patient & 63);

    public long Cardinality()
    {
        long n = 0;
        foreach (var w in words)
        {
            n += BitOperations.PopCount(w);
        }
        return n;
    }

    public static PatientSet All(int count)
    {
        var set = new PatientSet(count);
        Array.Fill(set.words, ulong.MaxValue);
        set.ClearTail();
        return set;
    }

    public PatientSet And(PatientSet other) => Combine(other, static (a, b) => a & b);

    public PatientSet Or(PatientSet other) => Combine(other, static (a, b) => a | b);

    public PatientSet AndNot(PatientSet other) => Combine(other, static (a, b) => a & ~b);

    public PatientSet Not()
    {
        var result = new ulong[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            result[i] = ~words[i];
        }
        var set = new PatientSet(Count, result);
        set.ClearTail();
        return set;
    }

    /// <summary>Calls <paramref name="visit"/> with each member's row, in ascending order.</summary>
    public void ForEach(Action<int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        for (var w = 0; w < words.Length; w++)
        {
            var bits = words[w];
            while (bits != 0)
            {
                visit((w << 6) + BitOperations.TrailingZeroCount(bits));
                bits &= bits - 1;
            }
        }
    }

    /// <summary>Counts members per stratum: counts[stratumOf[p]]++ for every member p.</summary>
    public long[] CountBy(int[] stratumOf, int strata)
    {
        ArgumentNullException.ThrowIfNull(stratumOf);
        var counts = new long[strata];
        for (var w = 0; w < words.Length; w++)
        {
            var bits = words[w];
            while (bits != 0)
            {
                counts[stratumOf[(w << 6) + BitOperations.TrailingZeroCount(bits)]]++;
                bits &= bits - 1;
            }
        }
        return counts;
    }

    private PatientSet Combine(PatientSet other, Func<ulong, ulong, ulong> op)
    {
        if (other.Count != Count)
        {
            throw new ArgumentException("Patient sets range over different populations.", nameof(other));
        }
        var result = new ulong[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            result[i] = op(words[i], other.words[i]);
        }
        return new PatientSet(Count, result);
    }

    private void ClearTail()
    {
        var tail = Count & 63;
        if (tail != 0)
        {
            words[^1] &= (1UL << tail) - 1;
        }
    }
}
