using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lodestar.Fhir;

/// <summary>Access to a JSON string's bytes as they sit in the document, for hot paths that must not allocate.</summary>
internal static class JsonText
{
    /// <summary>
    /// A string value's UTF-8 bytes without its quotes, when it has no escapes (so the bytes are the text). False for
    /// other kinds and for escaped strings, which only <see cref="JsonElement.GetString"/> decodes.
    /// </summary>
    public static bool TryGetUnescapedUtf8(JsonElement element, out ReadOnlySpan<byte> utf8)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            // The raw value of a JSON string includes its quotes.
            utf8 = JsonMarshal.GetRawUtf8Value(element)[1..^1];
            if (utf8.IndexOf((byte)'\\') < 0)
            {
                return true;
            }
        }
        utf8 = default;
        return false;
    }
}
