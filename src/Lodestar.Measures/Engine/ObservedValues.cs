using Lodestar.Equity;
using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>One stratum's observations of a continuous measure, sorted ascending (a median and its interval need the order).</summary>
public sealed class ObservedValues
{
    private readonly double[] sorted;

    /// <param name="values">The values, in any order; the array is sorted in place and kept.</param>
    public ObservedValues(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Array.Sort(values);
        sorted = values;
        var moments = default(Moments);
        var sum = 0.0;
        foreach (var v in values)
        {
            moments = moments.Add(v);
            sum += v;
        }
        Moments = moments;
        Sum = sum;
    }

    /// <summary>The plain sum (exact for whole days, where mean × n may not be).</summary>
    public double Sum { get; }

    public IReadOnlyList<double> Sorted => sorted;

    public int Count => sorted.Length;

    public Moments Moments { get; }

    /// <summary>The aggregate of the values, or null for an empty sample (a count of nothing is 0).</summary>
    public double? Aggregate(AggregateMethod method) => method switch
    {
        AggregateMethod.Count => Count,
        _ when Count == 0 => null,
        AggregateMethod.Median => Count % 2 == 1 ? sorted[Count / 2] : (sorted[Count / 2 - 1] + sorted[Count / 2]) / 2,
        AggregateMethod.Average => Moments.Mean,
        AggregateMethod.Sum => Sum,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
