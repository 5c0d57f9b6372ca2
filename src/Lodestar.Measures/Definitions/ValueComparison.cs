using System.Globalization;

namespace Lodestar.Measures.Definitions;

public enum Comparator { Less, LessOrEqual, Greater, GreaterOrEqual, Equal }

/// <summary>A value test such as "&lt; 140" or "&gt; 9 %"; the unit, when given, is what the data is normalised to.</summary>
public sealed record ValueComparison(Comparator Op, double Value, string? Unit)
{
    public bool Test(double actual) => Op switch
    {
        Comparator.Less => actual < Value,
        Comparator.LessOrEqual => actual <= Value,
        Comparator.Greater => actual > Value,
        Comparator.GreaterOrEqual => actual >= Value,
        _ => actual == Value,
    };

    public static bool TryParse(string text, out ValueComparison? comparison)
    {
        comparison = null;
        var t = text.Trim();
        (Comparator op, int len) = t switch
        {
            _ when t.StartsWith("<=", StringComparison.Ordinal) => (Comparator.LessOrEqual, 2),
            _ when t.StartsWith(">=", StringComparison.Ordinal) => (Comparator.GreaterOrEqual, 2),
            _ when t.StartsWith('<') => (Comparator.Less, 1),
            _ when t.StartsWith('>') => (Comparator.Greater, 1),
            _ when t.StartsWith('=') => (Comparator.Equal, 1),
            _ => (Comparator.Equal, -1),
        };
        if (len < 0)
        {
            return false;
        }
        var rest = t[len..].Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rest.Length == 0 || !double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        comparison = new ValueComparison(op, value, rest.Length > 1 ? rest[1] : null);
        return true;
    }

    public override string ToString()
    {
        var op = Op switch
        {
            Comparator.Less => "<",
            Comparator.LessOrEqual => "<=",
            Comparator.Greater => ">",
            Comparator.GreaterOrEqual => ">=",
            _ => "=",
        };
        return Unit is null ? $"{op} {Value.ToString(CultureInfo.InvariantCulture)}" : $"{op} {Value.ToString(CultureInfo.InvariantCulture)} {Unit}";
    }
}
