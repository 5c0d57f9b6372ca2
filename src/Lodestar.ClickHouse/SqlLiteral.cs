using System.Globalization;
using System.Text;

namespace Lodestar.ClickHouse;

/// <summary>
/// THE one place values become SQL text, for servers without query parameters (18.16 has none; they
/// arrived in 19.x). Strings are quoted with every backslash and quote escaped, and every control
/// character written as \xHH, so no value can end the literal or the statement. Numbers use the
/// invariant round-trip form; non-finite numbers are refused. Identifiers never come from data.
/// Audited by SqlLiteralTests, which round-trips hostile strings through a real server.
/// </summary>
internal static class SqlLiteral
{
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case < ' ' or '\x7f': sb.Append(@"\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('\'').ToString();
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite numbers are SQL literals");
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A tuple of strings for <c>IN (…)</c>; never empty (callers decide what an empty list means).</summary>
    public static string StringTuple(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(String)) + ")";

    /// <summary>An array of strings, for hasAny; never empty (an empty array literal has type Array(Nothing) on 18.16).</summary>
    public static string StringArray(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";
}
