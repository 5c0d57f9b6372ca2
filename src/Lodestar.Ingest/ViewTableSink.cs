using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using Lodestar.Fhir.Views;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Appends a view's rows to typed column builders. Dates keep the calendar date as written (a dateTime's
/// first ten characters); partial dates take their first day ("1970" → 1970-01-01, "1970-06" → 1970-06-01),
/// which is what an age or a window test needs from a year-only birth date. Not thread-safe: one per worker.
/// </summary>
internal sealed class ViewTableSink : IViewRowSink
{
    private readonly IReadOnlyList<(string Name, ColumnType Type)> schema;
    private ColumnBuilder[] columns;

    public ViewTableSink(ViewDefinition view)
    {
        View = view;
        schema = ColumnTypes.Schema(view);
        StartEmpty();
    }

    public ViewDefinition View { get; }

    public TableBuilder Builder { get; private set; }

    /// <summary>Each row's place in the input, (file index &lt;&lt; 40) | line, for putting rows back in input order.</summary>
    public List<long> Keys { get; private set; }

    /// <summary>The bytes held by the builders and keys (see <see cref="ColumnBuilder.EstimatedBytes"/>).</summary>
    public long EstimatedBytes
    {
        get
        {
            var bytes = 8L * Keys.Capacity;
            foreach (var column in columns)
            {
                bytes += column.EstimatedBytes;
            }
            return bytes;
        }
    }

    /// <summary>Hands over the rows so far (with their keys) and starts empty builders, with fresh string dictionaries.</summary>
    public (Table Rows, long[] Keys) Take()
    {
        var rows = Builder.Build();
        var keys = Keys.ToArray();
        StartEmpty();
        return (rows, keys);
    }

    /// <summary>Staging builders: the merge re-interns their strings (see <see cref="StringColumnBuilder(string, bool)"/>).</summary>
    [MemberNotNull(nameof(Builder), nameof(columns), nameof(Keys))]
    private void StartEmpty()
    {
        Builder = new TableBuilder(View.Name, schema, staging: true);
        columns = [.. Builder.Columns];
        Keys = [];
    }

    public void OnRow(ReadOnlySpan<ViewValue> row)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var value = row[i];
            switch (columns[i])
            {
                case StringListColumnBuilder list:
                    AppendItems(list, value);
                    break;
                case StringColumnBuilder s:
                    if (value.IsNull)
                    {
                        s.AppendNull();
                    }
                    else if (value.TryGetUtf8(out var utf8))
                    {
                        s.AppendUtf8(utf8);
                    }
                    else
                    {
                        s.Append(value.GetString());
                    }
                    break;
                case DateColumnBuilder d:
                    d.Append(value.IsNull ? null : value.TryGetUtf8(out var date) ? ParseDate(date) : ParseDate(value.GetString()));
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

    private void AppendItems(StringListColumnBuilder list, ViewValue value)
    {
        if (value.Kind == ViewValueKind.Array)
        {
            foreach (var item in value.Items)
            {
                AppendItem(list, item);
            }
        }
        else
        {
            AppendItem(list, value);
        }
        list.EndRow();
    }

    private void AppendItem(StringListColumnBuilder list, ViewValue item)
    {
        if (item.IsNull)
        {
            return;
        }
        if (item.TryGetUtf8(out var utf8))
        {
            list.AppendItemUtf8(utf8);
        }
        else if (item.GetString() is { } text)
        {
            list.AppendItem(text);
        }
    }

    internal static DateOnly? ParseDate(string? text) => text is null ? null : ParseDate(text.AsSpan());

    internal static DateOnly? ParseDate(ReadOnlySpan<char> text) => DateAt(text);

    /// <summary>
    /// <see cref="ParseDate(ReadOnlySpan{char})"/> of UTF-8, without decoding it when its first ten bytes are ASCII (the
    /// usual case: then bytes and characters are at the same positions).
    /// </summary>
    internal static DateOnly? ParseDate(ReadOnlySpan<byte> utf8) =>
        System.Text.Ascii.IsValid(utf8[..Math.Min(utf8.Length, 10)]) ? DateAt(utf8) : ParseDate(Encoding.UTF8.GetString(utf8));

    /// <summary>The date at the start of <paramref name="text"/> (characters or ASCII bytes): YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    private static DateOnly? DateAt<T>(ReadOnlySpan<T> text) where T : unmanaged, IBinaryInteger<T>
    {
        if (text.Length < 4 || !Digits(text[..4], out var year))
        {
            return null;
        }
        var month = 1;
        var day = 1;
        if ((text.Length >= 7 && !Digits(text[5..7], out month)) || (text.Length >= 10 && !Digits(text[8..10], out day)))
        {
            return null;
        }
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    /// <summary>ASCII digits only, as <c>int.TryParse</c> with <see cref="NumberStyles.None"/> reads them.</summary>
    private static bool Digits<T>(ReadOnlySpan<T> text, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = int.CreateTruncating(c) - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            value = (value * 10) + digit;
        }
        return true;
    }

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
