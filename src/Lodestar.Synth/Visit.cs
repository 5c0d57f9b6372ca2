namespace Lodestar.Synth;

/// <summary>One encounter before it is written; sorted by start so each person's records are chronological.</summary>
internal readonly record struct Visit(DateTime Start, DateTime End, VisitType Type, bool Readmission) : IComparable<Visit>
{
    public VisitKind Kind => Type.Kind;

    public int CompareTo(Visit other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : Kind.CompareTo(other.Kind);
    }
}
