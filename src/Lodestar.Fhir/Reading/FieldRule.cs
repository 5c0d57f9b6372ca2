namespace Lodestar.Fhir.Reading;

/// <summary>A field the shipped views read, which must be well formed for the record to be accepted.</summary>
internal sealed record FieldRule(string Path, FieldKind Kind)
{
    public string[] Segments { get; } = Path.Split('.');
}
