namespace Lodestar.Fhir.Reading;

/// <summary>State shared by the workers of one read: options, sinks, the duplicate set and the reference tracker.</summary>
internal sealed class ReadSession(FhirReaderOptions options, IFhirResourceHandler handler, IFhirDiagnosticSink diagnostics)
{
    private long warnings;

    public FhirReaderOptions Options { get; } = options;

    public IFhirResourceHandler Handler { get; } = handler;

    public KeySet Keys { get; } = new();

    public PatientReferenceTracker References { get; } = new();

    public long Warnings => Interlocked.Read(ref warnings);

    /// <summary>Passes a diagnostic on (in file order: callers go through the file's sequencer); strict mode stops here.</summary>
    public void Emit(FhirDiagnostic diagnostic)
    {
        if (diagnostic.Kind == FhirDiagnosticKind.Warning)
        {
            Interlocked.Increment(ref warnings);
        }
        diagnostics.OnDiagnostic(diagnostic);
        if (Options.Strict)
        {
            throw new StrictStopException(diagnostic);
        }
    }
}
