namespace Lodestar.Measures.Engine;

/// <summary>
/// Observed values per patient (row-aligned with the patient table), stored compressed by patient:
/// patient p's values are <c>values[first[p]..first[p + 1]]</c>. Built from (patient, value) pairs in any order.
/// </summary>
public sealed class ObservationTally
{
    private readonly int[] first;
    private readonly double[] values;

    private ObservationTally(int[] first, double[] values)
    {
        this.first = first;
        this.values = values;
    }

    public int PatientCount => first.Length - 1;

    /// <summary>All observations of all patients.</summary>
    public int Count => values.Length;

    public ReadOnlySpan<double> Of(int patient) => values.AsSpan(first[patient], first[patient + 1] - first[patient]);

    public static ObservationTally From(int patientCount, IReadOnlyList<(int Patient, double Value)> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        // A counting sort by patient: one pass to size each patient's run, one to place the values.
        var first = new int[patientCount + 1];
        foreach (var (p, _) in observations)
        {
            first[p + 1]++;
        }
        for (var p = 0; p < patientCount; p++)
        {
            first[p + 1] += first[p];
        }
        var next = first[..^1];
        var values = new double[observations.Count];
        foreach (var (p, v) in observations)
        {
            values[next[p]++] = v;
        }
        return new ObservationTally(first, values);
    }

    /// <summary>The values of <paramref name="members"/>, one sorted sample per stratum.</summary>
    public ObservedValues[] SamplesBy(PatientSet members, int[] stratumOf, int strata)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(stratumOf);
        var sizes = new int[strata];
        for (var p = 0; p < PatientCount; p++)
        {
            if (first[p + 1] != first[p] && members[p])
            {
                sizes[stratumOf[p]] += first[p + 1] - first[p];
            }
        }
        var buffers = sizes.Select(n => new double[n]).ToArray();
        var filled = new int[strata];
        for (var p = 0; p < PatientCount; p++)
        {
            if (first[p + 1] != first[p] && members[p])
            {
                var s = stratumOf[p];
                Of(p).CopyTo(buffers[s].AsSpan(filled[s]));
                filled[s] += first[p + 1] - first[p];
            }
        }
        return buffers.Select(b => new ObservedValues(b)).ToArray();
    }
}
