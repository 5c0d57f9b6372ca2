using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views;

/// <summary>A column with its expression parsed once; <see cref="Where"/> is its location in the view for error messages.</summary>
internal sealed record CompiledColumn(Node Expression, ViewColumn Column, string Where);
