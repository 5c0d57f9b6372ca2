using System.Text.Json;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// One accepted resource, as the reader hands it over. <see cref="Json"/> is only valid during the handler
/// call (its memory is pooled and reused for the next record): evaluate views on it there, copy what you keep.
/// </summary>
public readonly struct FhirResource
{
    internal FhirResource(FhirSource source, long line, string resourceType, string id, JsonElement json, int worker)
    {
        Source = source;
        Line = line;
        ResourceType = resourceType;
        Id = id;
        Json = json;
        Worker = worker;
    }

    /// <summary>The file the resource came from.</summary>
    public FhirSource Source { get; }

    /// <summary>1-based line where the resource starts (its NDJSON line, or the line of its Bundle entry).</summary>
    public long Line { get; }

    public string ResourceType { get; }

    public string Id { get; }

    public JsonElement Json { get; }

    /// <summary>
    /// Which worker (0 ≤ Worker &lt; <see cref="FhirReaderOptions.MaxParallelism"/>) is calling. Calls with the same
    /// worker never overlap, so per-worker state (e.g. one table builder each, merged at the end) needs no locks.
    /// </summary>
    public int Worker { get; }
}
