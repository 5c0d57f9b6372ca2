namespace Lodestar.Fhir.Reading;

/// <summary>A field the shipped views read, which must be well formed for the record to be accepted.</summary>
internal sealed record FieldRule(string Path, FieldKind Kind)
{
    /// <summary>The path's property names as UTF-8, so each lookup compares bytes instead of transcoding a string per call.</summary>
    public byte[][] Segments { get; } = Array.ConvertAll(Path.Split('.'), System.Text.Encoding.UTF8.GetBytes);
}
