namespace Lodestar.Fhir.Reading;

/// <summary>Keeps every diagnostic in memory (tests, small inputs, and the CLI's summary). Thread-safe.</summary>
public sealed class FhirDiagnosticList : IFhirDiagnosticSink
{
    private readonly List<FhirDiagnostic> items = [];

    public IReadOnlyList<FhirDiagnostic> Items
    {
        get
        {
            lock (items)
            {
                return [.. items];
            }
        }
    }

    public void OnDiagnostic(in FhirDiagnostic diagnostic)
    {
        lock (items)
        {
            items.Add(diagnostic);
        }
    }
}
