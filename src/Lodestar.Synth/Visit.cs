namespace Lodestar.Synth;

/// <summary>
/// One encounter before it is written; sorted by start so each person's records are chronological. It holds
/// its type as an index rather than a reference so that adding and sorting visits copies plain bytes,
/// without a GC write barrier per move.
/// </summary>
internal readonly struct Visit : IComparable<Visit>
{
    private readonly byte type;

    public Visit(DateTime start, DateTime end, VisitType type, bool readmission)
    {
        Start = start;
        End = end;
        this.type = type.Index;
        Kind = type.Kind;
        Readmission = readmission;
    }

    public DateTime Start { get; }

    public DateTime End { get; }

    public VisitKind Kind { get; }

    public bool Readmission { get; }

    public VisitType Type => VisitType.ByIndex(type);

    public int CompareTo(Visit other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : Kind.CompareTo(other.Kind);
    }
}
