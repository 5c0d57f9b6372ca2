using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>A problem found while reading: where and why (<see cref="Diagnostic"/>), whether the record was rejected, and its raw text.</summary>
/// <param name="Diagnostic">File, 1-based line, field (e.g. <c>birthDate</c>) and reason.</param>
/// <param name="Kind">Rejected record, or a warning about accepted data.</param>
/// <param name="Raw">The record's raw text for a reject (truncated past 1 MiB); null for warnings.</param>
public readonly record struct FhirDiagnostic(Diagnostic Diagnostic, FhirDiagnosticKind Kind, string? Raw)
{
    public override string ToString() => (Kind == FhirDiagnosticKind.Warning ? "warning: " : "rejected: ") + Diagnostic;
}
