namespace Lodestar.Fhir.Reading;

public enum FhirDiagnosticKind
{
    /// <summary>The record was not accepted; its raw text belongs in rejects.ndjson.</summary>
    Rejected,

    /// <summary>The data are accepted but suspicious (e.g. a reference to a patient that never arrives).</summary>
    Warning,
}
