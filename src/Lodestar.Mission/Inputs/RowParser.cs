using System.Globalization;
using Lodestar.Geography;

namespace Lodestar.Mission.Inputs;

/// <summary>
/// Reads one field of a CSV record by header name and records the first problem (column and reason), so a
/// row is either fully parsed or rejected with file, line and column — the FHIR ingest rule.
/// </summary>
internal sealed class RowParser(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> fields)
{
    public string? ErrorColumn { get; private set; }

    public string? ErrorReason { get; private set; }

    public bool Ok => ErrorColumn is null;

    private void Fail(string column, string reason)
    {
        if (ErrorColumn is null)
        {
            ErrorColumn = column;
            ErrorReason = reason;
        }
    }

    public string? Optional(string column)
    {
        var v = fields[columns[column]].Trim();
        return v.Length == 0 ? null : v;
    }

    public string Required(string column)
    {
        var v = Optional(column);
        if (v is null)
        {
            Fail(column, "is empty; a value is required");
        }
        return v ?? "";
    }

    public string Code(string column, string[] allowed, bool required = true)
    {
        var v = required ? Required(column) : Optional(column) ?? "";
        if (v.Length > 0 && !allowed.Contains(v, StringComparer.Ordinal))
        {
            Fail(column, $"'{v}' is not one of: {string.Join(", ", allowed)}");
        }
        return v;
    }

    public int Year(string column, bool required = true)
    {
        var v = required ? Required(column) : Optional(column);
        if (v is null || !Ok)
        {
            return 0;
        }
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1900 || y > 2100)
        {
            Fail(column, $"'{v}' is not a year (1900–2100)");
        }
        return y;
    }

    public long Count(string column)
    {
        var v = Required(column);
        if (!Ok)
        {
            return 0;
        }
        if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 0)
        {
            Fail(column, $"'{v}' is not a whole number ≥ 0");
        }
        return n;
    }

    public double Share(string column)
    {
        var v = Required(column);
        if (!Ok)
        {
            return 0;
        }
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !(d >= 0 && d <= 1))
        {
            Fail(column, $"'{v}' is not a share between 0 and 1");
        }
        return d;
    }

    public DateOnly Date(string column)
    {
        var v = Required(column);
        if (!Ok)
        {
            return default;
        }
        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Fail(column, $"'{v}' is not a date (yyyy-MM-dd)");
        }
        return d;
    }

    public string? County(string column, bool required)
    {
        var v = required ? Required(column) : Optional(column);
        if (v is not null && v.Length > 0 && !CountyRegistry.Default.TryGetCounty(v, out _))
        {
            Fail(column, $"'{v}' is not a county FIPS code (5 digits, 2022+ geography)");
        }
        return v;
    }

    public string? State(string column)
    {
        var v = Optional(column);
        if (v is not null && !CountyRegistry.Default.TryGetState(v, out _))
        {
            Fail(column, $"'{v}' is not a US state code");
        }
        return v?.ToUpperInvariant();
    }

    public bool YesNo(string column) => Code(column, ["yes", "no"]) == "yes";

    public void Check(bool condition, string column, string reason)
    {
        if (!condition)
        {
            Fail(column, reason);
        }
    }
}
