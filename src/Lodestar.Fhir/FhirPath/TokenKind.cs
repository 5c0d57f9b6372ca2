namespace Lodestar.Fhir.FhirPath;

internal enum TokenKind : byte
{
    End,
    Identifier,
    DelimitedIdentifier,
    String,
    Number,
    DateTime,
    ExternalConstant,
    Symbol,
}
