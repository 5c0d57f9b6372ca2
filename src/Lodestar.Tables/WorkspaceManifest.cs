using System.Text.Json.Serialization;

namespace Lodestar.Tables;

/// <summary>What a workspace holds and how it was made: per-table row counts and per-file ingest counts.</summary>
public sealed record WorkspaceManifest(
    DateTimeOffset CreatedAt,
    IReadOnlyList<TableSummary> Tables,
    IReadOnlyList<FileSummary> Files);

public sealed record TableSummary(string Name, int Rows);

/// <summary>Per input file: lines read = accepted + rejected, always.</summary>
public sealed record FileSummary(string File, long Read, long Accepted, long Rejected);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WorkspaceManifest))]
internal sealed partial class WorkspaceJson : JsonSerializerContext;
