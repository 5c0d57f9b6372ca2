using Lodestar.Fhir.Reading;

namespace Lodestar.Cli.Commands;

/// <summary>Prints the first reading diagnostics to standard error, then only counts them (a bad file can have millions).</summary>
internal sealed class ConsoleDiagnostics(TextWriter error) : IFhirDiagnosticSink
{
    private const int MaxShown = 20;
    private long shown;

    public void OnDiagnostic(in FhirDiagnostic diagnostic)
    {
        if (Interlocked.Increment(ref shown) <= MaxShown)
        {
            lock (error)
            {
                error.WriteLine(diagnostic.ToString());
            }
        }
    }
}
