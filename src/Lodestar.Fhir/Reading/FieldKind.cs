namespace Lodestar.Fhir.Reading;

internal enum FieldKind : byte
{
    Date,
    DateTime,
    Instant,
    Decimal,
}
