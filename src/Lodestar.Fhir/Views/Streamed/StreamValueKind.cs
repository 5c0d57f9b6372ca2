namespace Lodestar.Fhir.Views.Streamed;

internal enum StreamValueKind : byte
{
    /// <summary>A value in the record (a <see cref="StreamInstance"/>).</summary>
    Instance,

    /// <summary>Text made while evaluating (a key, a concatenation), as UTF-8 in the scanner's scratch buffer.</summary>
    Text,

    /// <summary>A string literal of the view, as UTF-8 in the plan's literals.</summary>
    Literal,

    /// <summary>A boolean computed by a comparison, <c>and</c>/<c>or</c> or <c>exists()</c>.</summary>
    Boolean,
}
