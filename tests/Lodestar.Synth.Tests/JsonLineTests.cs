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
        line.Double(-90.18481);
        line.Byte((byte)' ');
        line.IdTail(12, 3);
        Assert.Equal("\"2021-03-04\" \"2021-03-04T14:30:00Z\" -90.18481 12-3", Encoding.UTF8.GetString(line.Written.Span));
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
