namespace Lodestar.Fhir.Tests.Conformance;

/// <summary>One case of the SQL on FHIR v2 suite: file and title identify it in xunit's output and the report.</summary>
public sealed record ConformanceCase(string File, string Title)
{
    public override string ToString() => $"{File}: {Title}";
}
