using System.Globalization;
using Lodestar.Fhir.Views;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Appends a view's rows to typed column builders. Dates keep the calendar date as written (a dateTime's
/// first ten characters); partial dates take their first day ("1970" → 1970-01-01, "1970-06" → 1970-06-01),
/// which is what an age or a window test needs from a year-only birth date. Not thread-safe: one per file.
/// </summary>
internal sealed class ViewTableSink : IViewRowSink
{
    private readonly ColumnBuilder[] columns;

    public ViewTableSink(ViewDefinition view)
    {
        View = view;
        Builder = new TableBuilder(view.Name, ColumnTypes.Schema(view));
        columns = [.. Builder.Columns];
    }

    public ViewDefinition View { get; }

    public TableBuilder Builder { get; }

    public void OnRow(ReadOnlySpan<ViewValue> row)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var value = row[i];
            switch (columns[i])
            {
                case StringListColumnBuilder list:
                    list.Append(Items(value));
                    break;
                case StringColumnBuilder s:
                    s.Append(value.IsNull ? null : value.GetString());
                    break;
                case DateColumnBuilder d:
                    d.Append(value.IsNull ? null : ParseDate(value.GetString()));
                    break;
                case DoubleColumnBuilder x:
                    x.Append(value.Kind is ViewValueKind.Integer or ViewValueKind.Decimal ? (double)value.GetDecimal() : ParseDouble(value.GetString()));
                    break;
                case Int64ColumnBuilder n:
                    n.Append(value.Kind is ViewValueKind.Integer or ViewValueKind.Decimal ? value.GetInt64() : (long?)null);
                    break;
                case BoolColumnBuilder b:
                    b.Append(value.Kind == ViewValueKind.Boolean ? value.GetBoolean() : (bool?)null);
                    break;
            }
        }
    }

    private static string[] Items(ViewValue value)
    {
        if (value.IsNull)
        {
            return [];
        }
        if (value.Kind != ViewValueKind.Array)
        {
            return value.GetString() is { } single ? [single] : [];
        }
        var items = value.Items;
        var result = new List<string>(items.Length);
        foreach (var item in items)
        {
            if (!item.IsNull && item.GetString() is { } s)
            {
                result.Add(s);
            }
        }
        return [.. result];
    }

    internal static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 4)
        {
            return null;
        }
        var span = text.AsSpan();
        if (!int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        var month = 1;
        var day = 1;
        if (span.Length >= 7 && !int.TryParse(span[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out month))
        {
            return null;
        }
        if (span.Length >= 10 && !int.TryParse(span[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out day))
        {
            return null;
        }
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
