namespace Lodestar.Fhir.Views.Streamed;

internal enum StreamValueKind : byte
{
    /// <summary>A value in the record (a <see cref="StreamInstance"/>).</summary>
    Instance,

    /// <summary>Text made while evaluating (a key, a concatenation) or a literal, as UTF-8.</summary>
    Text,

    /// <summary>A boolean computed by a comparison, <c>and</c>/<c>or</c> or <c>exists()</c>.</summary>
    Boolean,
}
