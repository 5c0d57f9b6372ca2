using System.Text;
using System.Text.Json;

namespace Lodestar.Synth.Tests;

public sealed class JsonLineTests
{
    [Theory]
    [InlineData("Doña Ana County")]
    [InlineData("O'Fallon")]
    [InlineData("say \"hi\"\\ \n\t\u0001")] // quotes, backslash and control characters must be escaped
    public void Strings_round_trip_through_a_JSON_parser(string text)
    {
        var line = new JsonLine();
        line.Raw("{\"v\":"u8);
        line.String(text);
        line.Raw("}"u8);
        using var doc = JsonDocument.Parse(line.Written);
        Assert.Equal(text, doc.RootElement.GetProperty("v").GetString());
    }

    [Fact]
    public void Dates_numbers_and_ids_are_formatted_invariantly()
    {
        var line = new JsonLine();
        line.Date(new DateOnly(2021, 3, 4));
        line.Byte((byte)' ');
        line.DateTime(new DateTime(2021, 3, 4, 14, 30, 0));
        line.Byte((byte)' ');
        line.DateTime(new DateTime(1931, 12, 31, 9, 5, 7));
        line.Byte((byte)' ');
        line.Fixed(-90.18481, 5);
        line.Byte((byte)' ');
        var id = new PersonId();
        id.Set(12);
        line.IdTail(id, 3);
        Assert.Equal("\"2021-03-04\" \"2021-03-04T14:30:00Z\" \"1931-12-31T09:05:07Z\" -90.18481 12-3", Encoding.UTF8.GetString(line.Written.Span));
    }

    [Theory]
    [InlineData(152.0, 0, "152")]
    [InlineData(28.4, 1, "28.4")]
    [InlineData(28.0, 1, "28")] // a whole value drops the point, as the round-trip form does
    [InlineData(-90.1848, 5, "-90.1848")] // trailing zeros of the fifth place are dropped
    [InlineData(33.00001, 5, "33.00001")] // leading zeros of the fraction are kept
    [InlineData(-0.5, 1, "-0.5")] // the sign survives a zero integer part
    [InlineData(74.8666, 0, "75")]
    [InlineData(9.96, 1, "10")] // rounding carries into the integer part
    public void Fixed_point_numbers_match_the_shortest_round_trip_text(double value, int decimals, string expected)
    {
        var line = new JsonLine();
        line.Fixed(value, decimals);
        Assert.Equal(expected, Encoding.UTF8.GetString(line.Written.Span));
        Assert.Equal(Math.Round(value, decimals), double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(9L, "9")] // last single digit
    [InlineData(10L, "10")] // first pair
    [InlineData(99L, "99")]
    [InlineData(100L, "100")] // odd digit count: one pair and a leading digit
    [InlineData(1005L, "1005")] // zeros inside
    [InlineData(123456789L, "123456789")]
    [InlineData(-7L, "-7")]
    [InlineData(-120L, "-120")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Whole_numbers_are_written_in_plain_digits(long value, string expected)
    {
        var line = new JsonLine();
        line.Long(value);
        Assert.Equal(expected, Encoding.UTF8.GetString(line.Written.Span));
    }

    [Fact]
    public void Times_of_day_keep_seconds_and_the_date_rolls_at_midnight()
    {
        var line = new JsonLine();
        line.DateTime(new DateTime(2024, 2, 28, 23, 59, 59));
        line.Byte((byte)' ');
        line.DateTime(new DateTime(2024, 2, 28, 23, 59, 59).AddSeconds(1));
        line.Byte((byte)' ');
        line.DateTime(new DateTime(1869, 12, 31, 0, 0, 0)); // before the date table
        Assert.Equal("\"2024-02-28T23:59:59Z\" \"2024-02-29T00:00:00Z\" \"1869-12-31T00:00:00Z\"", Encoding.UTF8.GetString(line.Written.Span));
    }

    [Theory]
    [InlineData(0L, 0, "0-0")]
    [InlineData(7L, 999, "7-999")] // the largest ordinal from the small-number table
    [InlineData(123456789012345L, 1000, "123456789012345-1000")] // 15 digits and the dash: one 16-byte copy
    [InlineData(1234567890123456L, 12, "1234567890123456-12")] // 16 digits: the dash needs the second copy
    [InlineData(long.MaxValue, 5, "9223372036854775807-5")]
    public void Ids_and_references_keep_exactly_the_persons_digits(long person, int ordinal, string expected)
    {
        var id = new PersonId();
        id.Set(person);
        var line = new JsonLine();
        line.IdTail(id, ordinal);
        line.Byte((byte)'|');
        line.Id(id);
        line.Byte((byte)'|');
        Assert.Equal(expected + "|" + expected[..expected.LastIndexOf('-')] + "|", Encoding.UTF8.GetString(line.Written.Span));
    }

    [Fact]
    public void The_buffer_grows_past_its_first_size()
    {
        var line = new JsonLine();
        var chunk = new byte[40_000];
        Array.Fill(chunk, (byte)'x');
        line.Raw(chunk);
        line.Raw(chunk);
        Assert.Equal(80_000, line.Length);
    }
}
