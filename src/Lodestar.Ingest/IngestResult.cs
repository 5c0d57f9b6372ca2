using Lodestar.Fhir.Reading;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// What an ingest produced: the tables written (name and rows), the reader's per-file counts, how patients' counties
/// were found, and how many sorted runs the workers spilled under the memory budget (0: everything fitted).
/// </summary>
public sealed record IngestResult(
    IReadOnlyList<TableSummary> Tables,
    FhirReadSummary Read,
    CountySummary Counties,
    TimeSpan Elapsed,
    int SpilledRuns = 0)
{
    public WorkspaceManifest Manifest(DateTimeOffset createdAt) => new(
        createdAt,
        Tables,
        Read.Files.Select(f => new FileSummary(f.Source, f.Records, f.Accepted, f.Rejected)).ToList());
}

/// <summary>Patients by how their county was resolved; <see cref="Unresolved"/> had no usable address.</summary>
public sealed record CountySummary(long ByDistrict, long ByPostalCode, long ByCoordinates, long Unresolved);
