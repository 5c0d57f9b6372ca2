using Lodestar.IO;

namespace Lodestar.Core.Tests;

public sealed class CsvReaderTests
{
    private static List<(CsvRecord Record, Lodestar.Diagnostics.Diagnostic? Error, string Raw)> Read(string text, out IReadOnlyList<string> header)
    {
        var reader = new CsvReader(new StringReader(text), "in.csv");
        header = reader.ReadHeader();
        return reader.ReadRecords(header.Count).ToList();
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var rows = Read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n", out var header);
        Assert.Equal(["a", "b"], header);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["x, y", "say \"hi\""], rows[0].Record.Fields);
        Assert.Equal(["two\nlines", "z"], rows[1].Record.Fields);
        Assert.Equal(3, rows[1].Record.Line); // the record starts on line 3 even though it spans two
    }

    [Fact]
    public void Wrong_field_count_is_a_diagnostic_naming_the_line()
    {
        var rows = Read("a,b\n1,2\n3\n4,5\n", out _);
        Assert.Null(rows[0].Error);
        Assert.Equal("in.csv:3: has 1 fields; the header has 2", rows[1].Error.ToString());
        Assert.Equal("3", rows[1].Raw);
        Assert.Null(rows[2].Error);
    }

    [Fact]
    public void Unclosed_quote_at_end_of_file_is_reported_as_truncation()
    {
        var rows = Read("a,b\n1,\"open\n", out _);
        Assert.Single(rows);
        Assert.Contains("never closed", rows[0].Error!.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_a_user_error()
    {
        var reader = new CsvReader(new StringReader(""), "empty.csv");
        var e = Assert.Throws<Lodestar.Diagnostics.UserErrorException>(() => reader.ReadHeader());
        Assert.StartsWith("empty.csv:1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_and_reader_round_trip()
    {
        var text = new StringWriter();
        using (var writer = new CsvWriter(text))
        {
            writer.WriteRow("k", "v");
            writer.WriteRow("a,b", "q\"uote");
            writer.WriteField(0.1);
            writer.WriteField((double?)double.NaN);
            writer.EndRow();
        }
        var rows = Read(text.ToString(), out _);
        Assert.Equal(["a,b", "q\"uote"], rows[0].Record.Fields);
        Assert.Equal(["0.1", ""], rows[1].Record.Fields); // NaN is never written
    }
}
