namespace Lodestar.Fhir.Reading;

/// <summary>How a file holds resources.</summary>
public enum FhirSourceFormat
{
    /// <summary>FHIR Bulk Data NDJSON: one resource per line (<c>.ndjson</c>, <c>.jsonl</c>).</summary>
    Ndjson,

    /// <summary>One JSON document: a Bundle (collection, transaction, batch, searchset) or a single resource (<c>.json</c>).</summary>
    Json,
}
