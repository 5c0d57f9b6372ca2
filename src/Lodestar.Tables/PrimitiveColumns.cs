using System.Globalization;

namespace Lodestar.Tables;

/// <summary>64-bit integers with a validity bitmap.</summary>
public sealed class Int64Column(string name, long[] values, Validity? validity) : Column(name, values.Length)
{
    public override ColumnType Type => ColumnType.Int64;

    public long[] Values { get; } = values;

    public Validity? Validity { get; } = validity;

    public override bool IsNull(int row) => Validity is { } v && !v[row];

    public override string? Format(int row) => IsNull(row) ? null : Values[row].ToString(CultureInfo.InvariantCulture);
}

/// <summary>Doubles with a validity bitmap (FHIR decimals; measures compare them to thresholds).</summary>
public sealed class DoubleColumn(string name, double[] values, Validity? validity) : Column(name, values.Length)
{
    public override ColumnType Type => ColumnType.Double;

    public double[] Values { get; } = values;

    public Validity? Validity { get; } = validity;

    public override bool IsNull(int row) => Validity is { } v && !v[row];

    public override string? Format(int row) => IsNull(row) ? null : Values[row].ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Booleans with a validity bitmap.</summary>
public sealed class BoolColumn(string name, bool[] values, Validity? validity) : Column(name, values.Length)
{
    public override ColumnType Type => ColumnType.Bool;

    public bool[] Values { get; } = values;

    public Validity? Validity { get; } = validity;

    public override bool IsNull(int row) => Validity is { } v && !v[row];

    public override string? Format(int row) => IsNull(row) ? null : Values[row] ? "true" : "false";
}

/// <summary>
/// Calendar dates as <see cref="DateOnly.DayNumber"/> (days since 0001-01-01), so birth dates before
/// 1970 are ordinary values and comparisons are integer comparisons.
/// </summary>
public sealed class DateColumn(string name, int[] days, Validity? validity) : Column(name, days.Length)
{
    public override ColumnType Type => ColumnType.Date;

    public int[] Days { get; } = days;

    public Validity? Validity { get; } = validity;

    public override bool IsNull(int row) => Validity is { } v && !v[row];

    public DateOnly? this[int row] => IsNull(row) ? null : DateOnly.FromDayNumber(Days[row]);

    public override string? Format(int row) => this[row]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
