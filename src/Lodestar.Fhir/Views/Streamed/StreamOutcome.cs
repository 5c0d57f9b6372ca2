namespace Lodestar.Fhir.Views.Streamed;

/// <summary>
/// What evaluating an expression for at most one value gave: most operands (a member, a literal, a comparison) have at
/// most one, so comparisons, <c>and</c>/<c>or</c>, <c>&amp;</c> and <c>where</c> criteria need no collection per operand.
/// </summary>
internal enum StreamOutcome : byte
{
    /// <summary>The general evaluator must decide (an error, or a value the pass does not reproduce).</summary>
    Failed,

    /// <summary>The empty collection.</summary>
    Empty,

    /// <summary>Exactly one value.</summary>
    One,

    /// <summary>More than one value; the value given is the first.</summary>
    Many,
}
