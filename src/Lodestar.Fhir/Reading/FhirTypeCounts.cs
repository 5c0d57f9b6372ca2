namespace Lodestar.Fhir.Reading;

/// <summary>
/// What one resource type gave, over all files (a Bundle mixes types, so per-file counts do not say this).
/// Records whose type could not be read (malformed JSON, no or an unknown resourceType) count under
/// <see cref="Unreadable"/>.
/// </summary>
public readonly record struct FhirTypeCounts(string ResourceType, long Accepted, long Rejected)
{
    public const string Unreadable = "(unreadable)";

    public long Records => Accepted + Rejected;
}
