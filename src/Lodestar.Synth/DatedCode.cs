namespace Lodestar.Synth;

/// <summary>A procedure or immunization before it is written.</summary>
internal readonly record struct DatedCode(DateOnly Date, ClinicalCode Code, ClinicalCode? Second) : IComparable<DatedCode>
{
    public int CompareTo(DatedCode other)
    {
        var c = Date.CompareTo(other.Date);
        return c != 0 ? c : string.CompareOrdinal(Code.CodeText, other.Code.CodeText);
    }
}
