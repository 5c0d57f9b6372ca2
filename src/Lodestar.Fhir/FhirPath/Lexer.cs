using System.Text;
using System.Text.RegularExpressions;

namespace Lodestar.Fhir.FhirPath;

/// <summary>
/// Splits a FHIRPath expression into tokens (FHIRPath N1 grammar, section "Lexical elements"):
/// identifiers (plain or `backtick`-delimited), 'strings' with escapes, numbers, @date/time literals,
/// %constants and operator symbols.
/// </summary>
internal static partial class Lexer
{
    private static readonly string[] Symbols = ["<=", ">=", "!=", "!~", "=", "~", "<", ">", "(", ")", "[", "]", ".", ",", "+", "-", "*", "/", "&", "|", "{", "}"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
                continue;
            }
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_' || c == '$')
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                continue;
            }
            if (c == '\'' || c == '`')
            {
                var value = ReadQuoted(text, ref i, c);
                tokens.Add(new Token(c == '\'' ? TokenKind.String : TokenKind.DelimitedIdentifier, value, start));
                continue;
            }
            if (c == '%')
            {
                i++;
                if (i < text.Length && (text[i] == '`' || text[i] == '\''))
                {
                    tokens.Add(new Token(TokenKind.ExternalConstant, ReadQuoted(text, ref i, text[i]), start));
                    continue;
                }
                var nameStart = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                if (i == nameStart)
                {
                    throw new FhirPathException($"'%' at position {start} must be followed by a constant name");
                }
                tokens.Add(new Token(TokenKind.ExternalConstant, text[nameStart..i], start));
                continue;
            }
            if (c == '@')
            {
                // FHIRPath date/time literals: @2020, @2020-01-02T10:00:00.000+01:00, @T12:30 (§"Literals").
                var match = DateTimeLiteral().Match(text, i + 1);
                if (!match.Success || match.Index != i + 1 || match.Length == 0)
                {
                    throw new FhirPathException($"'@' at position {start} must start a date, dateTime or time literal");
                }
                i += 1 + match.Length;
                tokens.Add(new Token(TokenKind.DateTime, match.Value, start));
                continue;
            }
            var symbol = Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (symbol is null)
            {
                throw new FhirPathException($"unexpected character '{c}' at position {i}");
            }
            i += symbol.Length;
            tokens.Add(new Token(TokenKind.Symbol, symbol, start));
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    [GeneratedRegex(@"\G(\d{4}(-\d{2}(-\d{2})?)?(T(\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?(Z|[+-]\d{2}:\d{2})?)?|T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)")]
    private static partial Regex DateTimeLiteral();

    private static string ReadQuoted(string text, ref int i, char quote)
    {
        var start = i;
        i++;
        var sb = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                switch (text[i])
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when i + 4 < text.Length:
                        sb.Append((char)Convert.ToInt32(text.Substring(i + 1, 4), 16));
                        i += 4;
                        break;
                    default: sb.Append(text[i]); break;
                }
                i++;
                continue;
            }
            sb.Append(text[i]);
            i++;
        }
        if (i >= text.Length)
        {
            throw new FhirPathException($"unterminated {(quote == '\'' ? "string" : "identifier")} starting at position {start}");
        }
        i++;
        return sb.ToString();
    }
}
