namespace Lodestar.Synth;

/// <summary>
/// Realised draws of the final year for every planted effect, inside and outside its selector
/// (denominator, numerator), plus totals per outcome. Integer sums, so merging batches in any order
/// gives the same totals.
/// </summary>
internal sealed class Tally
{
    public Tally(int effects)
    {
        Effects = new long[effects, 4];
        Outcomes = new long[Enum.GetValues<Outcome>().Length, 2];
    }

    /// <summary>[effect, 0..3] = in-group denominator, in-group numerator, reference denominator, reference numerator.</summary>
    public long[,] Effects { get; }

    /// <summary>[outcome, 0..1] = denominator, numerator.</summary>
    public long[,] Outcomes { get; }

    public void Add(Tally other)
    {
        for (var i = 0; i < Effects.GetLength(0); i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Effects[i, j] += other.Effects[i, j];
            }
        }
        for (var i = 0; i < Outcomes.GetLength(0); i++)
        {
            Outcomes[i, 0] += other.Outcomes[i, 0];
            Outcomes[i, 1] += other.Outcomes[i, 1];
        }
    }

    public void Clear()
    {
        Array.Clear(Effects);
        Array.Clear(Outcomes);
    }
}
