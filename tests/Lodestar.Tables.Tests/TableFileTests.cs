namespace Lodestar.Tables.Tests;

public sealed class TableFileTests
{
    internal static Table Sample(string name = "t", int offset = 0)
    {
        var b = new TableBuilder(name, [
            ("s", ColumnType.String), ("l", ColumnType.StringList), ("i", ColumnType.Int64),
            ("d", ColumnType.Double), ("b", ColumnType.Bool), ("t", ColumnType.Date)]);
        for (var r = 0; r < 3000; r++)
        {
            var k = r + offset;
            b.Column<StringColumnBuilder>(0).Append(k % 7 == 0 ? null : $"v{k % 13}");
            b.Column<StringListColumnBuilder>(1).Append(k % 5 == 0 ? [] : [$"a{k % 3}", $"b{k % 4}"]);
            b.Column<Int64ColumnBuilder>(2).Append(k % 11 == 0 ? null : k * 1_000_000_007L);
            b.Column<DoubleColumnBuilder>(3).Append(k % 9 == 0 ? null : k / 3.0);
            b.Column<BoolColumnBuilder>(4).Append(k % 4 == 0 ? null : k % 2 == 0);
            b.Column<DateColumnBuilder>(5).Append(k % 6 == 0 ? null : new DateOnly(1900, 1, 1).AddDays(k * 17));
        }
        return b.Build();
    }

    internal static List<string?[]> Rows(Table t) =>
        Enumerable.Range(0, t.RowCount).Select(r => t.Columns.Select(c => c.Format(r)).ToArray()).ToList();

    [Fact]
    public void A_table_survives_a_round_trip_through_its_file_format()
    {
        var table = Sample();
        using var stream = new MemoryStream();
        TableFile.Write(table, stream);
        stream.Position = 0;
        var back = TableFile.Read(stream, "mem");
        Assert.Equal("t", back.Name);
        Assert.Equal(Rows(table), Rows(back));
        Assert.Equal(table.Columns.Select(c => c.Type), back.Columns.Select(c => c.Type));
    }

    [Fact]
    public void A_file_that_is_not_a_table_is_refused_with_its_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => TableFile.Read(new MemoryStream("hello"u8.ToArray()), "notes.txt"));
        Assert.StartsWith("notes.txt:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_before_1970_are_ordinary_values()
    {
        var b = new TableBuilder("p", [("born", ColumnType.Date)]);
        b.Column<DateColumnBuilder>(0).Append(new DateOnly(1931, 2, 28));
        Assert.Equal("1931-02-28", b.Build()["born"].Format(0));
    }

    [Fact]
    public void Concat_then_gather_rebuilds_the_rows_in_any_order()
    {
        var a = Sample("t", 0);
        var b = Sample("t", 3000);
        var schema = a.Columns.Select(c => (c.Name, c.Type)).ToList();
        var joined = RowGroupConcat.Concat("t", schema, [[.. a.Columns], [.. b.Columns]]);
        Assert.Equal(Rows(a).Concat(Rows(b)), Rows(joined));
        var reversed = Enumerable.Range(0, joined.RowCount).Reverse().ToArray();
        var gathered = TableGather.Gather(joined, reversed);
        Assert.Equal(Enumerable.Reverse(Rows(joined)), Rows(gathered));
    }

    [Fact]
    public void Strings_are_dictionary_encoded_once_per_distinct_value()
    {
        var s = Sample().Get<StringColumn>("s");
        Assert.Equal(13, s.Dictionary.Length);
        Assert.Contains(-1, s.Codes);
    }

    [Fact]
    public void A_saved_workspace_replaces_the_previous_one_only_when_complete()
    {
        var root = Directory.CreateTempSubdirectory("ws-").FullName;
        try
        {
            var path = Path.Combine(root, "w");
            var manifest = new WorkspaceManifest(DateTimeOffset.UnixEpoch, [new TableSummary("t", 3000)], [new FileSummary("x.ndjson", 10, 9, 1)]);
            Workspace.Save(path, [Sample()], manifest);
            var opened = Workspace.Open(path);
            Assert.Equal(Rows(Sample()), Rows(opened["t"]));
            Assert.Equal(9, opened.Manifest.Files[0].Accepted);
            var e = Assert.Throws<Lodestar.Diagnostics.UserErrorException>(() => Workspace.Open(root));
            Assert.Contains("not a Lodestar workspace", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    // Each row skips one column type (and its neighbours must still read right after it).
    [InlineData("s")]
    [InlineData("l")]
    [InlineData("i")]
    [InlineData("d")]
    [InlineData("b")]
    [InlineData("t")]
    public void Columns_left_out_are_read_past_and_the_rest_read_as_written(string skipped)
    {
        var table = Sample();
        using var stream = new MemoryStream();
        TableFile.Write(table, stream);
        stream.Position = 0;

        var back = TableFile.Read(stream, "mem", (_, column) => column != skipped);

        var kept = table.Columns.Where(c => c.Name != skipped).ToList();
        Assert.Equal(kept.Select(c => c.Name), back.Columns.Select(c => c.Name));
        Assert.Equal(Rows(new Table("t", kept)), Rows(back));
    }

    [Fact]
    public void A_compacting_gather_keeps_only_the_strings_its_rows_use_in_first_use_order()
    {
        var table = new Table("t", [
            new StringColumn("s", [0, 1, 2, 1], ["a", "b", "c"]),
            new StringListColumn("l", [0, 1, 3, 3, 4], [2, 0, 2, 1], ["x", "y", "z"])]);
        var slice = TableGather.Gather(table, [3, 2], compactDictionaries: true);
        Assert.Equal(["b", "c"], slice.Get<StringColumn>("s").Dictionary);
        Assert.Equal(["b", "c"], Enumerable.Range(0, 2).Select(slice["s"].Format));
        Assert.Equal(["y"], slice.Get<StringListColumn>("l").Dictionary);
        Assert.Equal(["y", null], Enumerable.Range(0, 2).Select(slice["l"].Format));
        Assert.Equal(3, TableGather.Gather(table, [3, 2]).Get<StringColumn>("s").Dictionary.Length);
    }
}
