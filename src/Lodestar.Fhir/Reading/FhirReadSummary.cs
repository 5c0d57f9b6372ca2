namespace Lodestar.Fhir.Reading;

/// <summary>Counts per file (in input order), per resource type (by name) and totals, after a read.</summary>
public sealed record FhirReadSummary(IReadOnlyList<FhirFileCounts> Files, IReadOnlyList<FhirTypeCounts> Types, long Warnings)
{
    public long Records => Files.Sum(f => f.Records);

    public long Accepted => Files.Sum(f => f.Accepted);

    public long Rejected => Files.Sum(f => f.Rejected);

    public long Bytes => Files.Sum(f => f.Bytes);
}
