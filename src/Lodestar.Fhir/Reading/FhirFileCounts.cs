namespace Lodestar.Fhir.Reading;

/// <summary>
/// What one file gave. A record is a non-blank NDJSON line or a Bundle entry's resource; they reconcile:
/// <c>Records == Accepted + Rejected</c>.
/// </summary>
public readonly record struct FhirFileCounts(string Source, long Records, long Accepted, long Rejected, long Bytes);
