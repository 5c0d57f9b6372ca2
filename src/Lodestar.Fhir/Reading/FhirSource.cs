namespace Lodestar.Fhir.Reading;

/// <summary>One input file: where it is, its format, whether it is gzip-compressed, and its size on disk.</summary>
public sealed record FhirSource(string Path, FhirSourceFormat Format, bool Compressed, long Length)
{
    public override string ToString() => Path;
}
