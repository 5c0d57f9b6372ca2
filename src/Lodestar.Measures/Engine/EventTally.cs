namespace Lodestar.Measures.Engine;

/// <summary>Events per patient (row-aligned with the patient table) for a population counted in events.</summary>
public sealed class EventTally(int[] perPatient)
{
    public int this[int patient] => perPatient[patient];

    public int Count => perPatient.Length;

    /// <summary>The patients with at least one event.</summary>
    public PatientSet ToSet(int patientCount)
    {
        var set = new PatientSet(patientCount);
        for (var p = 0; p < perPatient.Length; p++)
        {
            if (perPatient[p] > 0)
            {
                set.Add(p);
            }
        }
        return set;
    }

    /// <summary>Events of the members of <paramref name="members"/>, summed per stratum (one pass).</summary>
    public long[] SumBy(PatientSet members, int[] stratumOf, int strata)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(stratumOf);
        var sums = new long[strata];
        for (var p = 0; p < perPatient.Length; p++)
        {
            if (perPatient[p] != 0 && members[p])
            {
                sums[stratumOf[p]] += perPatient[p];
            }
        }
        return sums;
    }
}
