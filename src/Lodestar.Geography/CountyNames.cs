using System.Text;

namespace Lodestar.Geography;

/// <summary>
/// Matching key for county names as people type them: case-insensitive, accents folded
/// ("Doña Ana" = "Dona Ana"), "Saint" = "St.", punctuation ignored, and the generic suffix
/// ("County", "Parish", "Borough", "Census Area", "Municipality", "City and Borough") dropped.
/// " city" is kept, because in Missouri, Virginia and Maryland the independent city and the county
/// of the same name are different places (St. Louis city 29510 ≠ St. Louis County 29189).
/// </summary>
internal static class CountyNames
{
    private static readonly string[] Suffixes =
        [" city and borough", " census area", " municipality", " borough", " county", " parish"];

    public static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        var lastWasSpace = true;
        foreach (var raw in name.Trim())
        {
            var c = Fold(char.ToLowerInvariant(raw));
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
                lastWasSpace = false;
            }
            else if ((char.IsWhiteSpace(c) || c == '-') && !lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
            // other punctuation ("St.", "O'Brien") is dropped
        }
        var key = builder.ToString().TrimEnd();
        if (key.StartsWith("saint ", StringComparison.Ordinal))
        {
            key = "st " + key[6..];
        }
        else if (key.StartsWith("sainte ", StringComparison.Ordinal))
        {
            key = "ste " + key[7..];
        }
        foreach (var suffix in Suffixes)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && key.Length > suffix.Length)
            {
                key = key[..^suffix.Length];
                break;
            }
        }
        return key;
    }

    // Invariant globalization is on (no ICU normalisation), so fold the Latin-1 letters that occur
    // in US county names by hand.
    private static char Fold(char c) => c switch
    {
        'á' or 'à' or 'â' or 'ä' or 'ã' => 'a',
        'é' or 'è' or 'ê' or 'ë' => 'e',
        'í' or 'ì' or 'î' or 'ï' => 'i',
        'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
        'ú' or 'ù' or 'û' or 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => c,
    };
}
