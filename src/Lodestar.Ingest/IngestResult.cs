using Lodestar.Fhir.Reading;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>What an ingest produced: the tables, the reader's per-file counts, and how patients' counties were found.</summary>
public sealed record IngestResult(
    IReadOnlyList<Table> Tables,
    FhirReadSummary Read,
    CountySummary Counties,
    TimeSpan Elapsed)
{
    public WorkspaceManifest Manifest(DateTimeOffset createdAt) => new(
        createdAt,
        Tables.Select(t => new TableSummary(t.Name, t.RowCount)).ToList(),
        Read.Files.Select(f => new FileSummary(f.Source, f.Records, f.Accepted, f.Rejected)).ToList());
}

/// <summary>Patients by how their county was resolved; <see cref="Unresolved"/> had no usable address.</summary>
public sealed record CountySummary(long ByDistrict, long ByPostalCode, long ByCoordinates, long Unresolved);
