namespace Lodestar.Fhir.FhirPath;

/// <summary>What an <see cref="Item"/> holds: a node of the resource's JSON, or a value computed by an expression.</summary>
internal enum ItemKind : byte
{
    Json,
    String,
    Integer,
    Decimal,
    Boolean,
}
