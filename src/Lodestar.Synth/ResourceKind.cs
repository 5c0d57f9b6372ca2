namespace Lodestar.Synth;

/// <summary>The FHIR resource types written, one NDJSON file each (bulk-export layout: Type.ndjson).</summary>
internal enum ResourceKind
{
    Patient,
    Coverage,
    Condition,
    Encounter,
    Observation,
    Procedure,
    Immunization,
    MedicationRequest,
}
