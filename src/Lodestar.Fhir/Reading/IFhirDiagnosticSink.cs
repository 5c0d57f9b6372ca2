namespace Lodestar.Fhir.Reading;

/// <summary>
/// Receives reading diagnostics. Called from several workers at once (must be thread-safe); the diagnostics
/// of one file arrive in line order. Orphan-reference warnings arrive after all files are read.
/// </summary>
public interface IFhirDiagnosticSink
{
    void OnDiagnostic(in FhirDiagnostic diagnostic);
}
