namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// A FHIRPath expression that cannot be compiled or evaluated. The view compiler turns it into a
/// <see cref="Views.ViewDefinitionException"/> that names where in the view the expression is.
/// </summary>
internal sealed class FhirPathException : Exception
{
    public FhirPathException(string message) : base(message) { }

    public FhirPathException(string message, Exception inner) : base(message, inner) { }

    public FhirPathException() { }
}
