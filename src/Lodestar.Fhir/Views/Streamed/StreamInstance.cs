using System.Text.Json;

namespace Lodestar.Fhir.Views.Streamed;

/// <summary>One value a kept member has in the record: its token, where its text is, and which value of the parent it is under.</summary>
/// <param name="Parent">The index of the parent member's value (0 for the resource).</param>
/// <param name="Token">StartObject, String, Number, True or False (nulls are dropped, as FHIRPath drops them).</param>
/// <param name="FromArray">The value is an item of a JSON array rather than the member's whole value.</param>
/// <param name="Start">Where a string's unescaped text, or a number's text, starts in the record.</param>
/// <param name="Length">Its length in bytes.</param>
internal readonly record struct StreamInstance(int Parent, JsonTokenType Token, bool FromArray, int Start, int Length);
