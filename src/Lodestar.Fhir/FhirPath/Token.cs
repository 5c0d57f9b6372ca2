namespace Lodestar.Fhir.FhirPath;

/// <summary>A lexical token of a FHIRPath expression; <see cref="Position"/> is a 0-based character offset for messages.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position);
