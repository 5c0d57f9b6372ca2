namespace Lodestar.Fhir.Reading;

/// <summary>Unwinds a worker at the first problem in strict mode; <see cref="FhirReader"/> turns it into a user error.</summary>
internal sealed class StrictStopException : Exception
{
    public StrictStopException(FhirDiagnostic diagnostic) : base(diagnostic.ToString()) => Diagnostic = diagnostic;

    public StrictStopException() { }

    public StrictStopException(string message) : base(message) { }

    public StrictStopException(string message, Exception inner) : base(message, inner) { }

    public FhirDiagnostic Diagnostic { get; }
}
