namespace Lodestar.Tables.Tests;

public sealed class TableFileWriterTests
{
    private static IReadOnlyList<(string Name, ColumnType Type)> Schema(Table t) => t.Columns.Select(c => (c.Name, c.Type)).ToList();

    /// <summary>Cuts a table into row groups at the given row boundaries, each group re-encoded on its own as a writer would build it.</summary>
    internal static List<Table> Cut(Table table, params int[] boundaries)
    {
        var edges = boundaries.Prepend(0).Append(table.RowCount).ToArray();
        var groups = new List<Table>();
        for (var g = 0; g + 1 < edges.Length; g++)
        {
            var builder = new TableBuilder(table.Name, Schema(table));
            foreach (var (column, i) in builder.Columns.Select((c, i) => (c, i)))
            {
                column.AppendRange(table.Columns[i], edges[g], edges[g + 1] - edges[g]);
            }
            groups.Add(builder.Build());
        }
        return groups;
    }

    private static MemoryStream Write(Table table, IEnumerable<Table> groups)
    {
        var stream = new MemoryStream();
        using (var writer = new TableFileWriter(stream, table.Name, Schema(table)))
        {
            foreach (var group in groups)
            {
                writer.WriteRowGroup(group);
            }
            writer.Complete();
        }
        stream.Position = 0;
        return stream;
    }

    [Theory]
    // Boundaries 1000 and 2000 fall inside runs of rows that share a string value and a null pattern.
    [InlineData(new[] { 1000, 2000 })]
    // Empty groups at the start, in the middle and at the end.
    [InlineData(new[] { 0, 1500, 1500, 3000 })]
    // One row per group for the first rows: groups smaller than a validity word.
    [InlineData(new[] { 1, 2, 3, 65, 129 })]
    // One group: what TableFile.Write does.
    [InlineData(new int[0])]
    public void Row_groups_read_back_as_the_table_they_were_cut_from(int[] boundaries)
    {
        var table = TableFileTests.Sample();
        using var stream = Write(table, Cut(table, boundaries));

        var back = TableFile.Read(stream, "mem");

        Assert.Equal(TableFileTests.Rows(table), TableFileTests.Rows(back));
        Assert.Equal(Schema(table), Schema(back));
        // Joined dictionaries are in first-use order, as one builder over all rows makes them.
        Assert.Equal(table.Get<StringColumn>("s").Dictionary, back.Get<StringColumn>("s").Dictionary);
        Assert.Equal(table.Get<StringColumn>("s").Codes, back.Get<StringColumn>("s").Codes);
        Assert.Equal(table.Get<StringListColumn>("l").Dictionary, back.Get<StringListColumn>("l").Dictionary);
        Assert.Equal(table.Get<StringListColumn>("l").Offsets, back.Get<StringListColumn>("l").Offsets);
        Assert.Equal(table.Get<Int64Column>("i").Values, back.Get<Int64Column>("i").Values);
    }

    [Fact]
    public void Each_row_group_keeps_only_its_own_strings()
    {
        var builder = new TableBuilder("t", [("id", ColumnType.String)]);
        for (var r = 0; r < 1000; r++)
        {
            builder.Column<StringColumnBuilder>(0).Append($"patient-{r}");
        }
        var table = builder.Build();
        var groups = Cut(table, 500);
        using var stream = Write(table, groups);
        using var reader = TableFileReader.Open(stream, "mem");
        Assert.Equal(500, reader.ReadRowGroup()!.Get<StringColumn>("id").Dictionary.Length);
        Assert.Equal("patient-500", reader.ReadRowGroup()!.Get<StringColumn>("id").Dictionary[0]);
        Assert.Null(reader.ReadRowGroup());
    }

    [Fact]
    public void A_group_whose_columns_differ_from_the_schema_is_refused()
    {
        var table = TableFileTests.Sample();
        using var stream = new MemoryStream();
        using var writer = new TableFileWriter(stream, "t", [("s", ColumnType.String)]);
        var e = Assert.Throws<ArgumentException>(() => writer.WriteRowGroup(table));
        Assert.Contains("6 columns, expected 1", e.Message, StringComparison.Ordinal);
        using var other = new TableFileWriter(new MemoryStream(), "t", [("s", ColumnType.Int64), .. Schema(table).Skip(1)]);
        e = Assert.Throws<ArgumentException>(() => other.WriteRowGroup(table));
        Assert.Contains("is s String, expected s Int64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_its_end_marker_is_refused_as_truncated()
    {
        var table = TableFileTests.Sample();
        var stream = new MemoryStream();
        using (var writer = new TableFileWriter(stream, table.Name, Schema(table)))
        {
            writer.WriteRowGroup(table); // disposed without Complete(), as when an ingest is interrupted
        }
        var e = Assert.Throws<InvalidDataException>(() => TableFile.Read(new MemoryStream(stream.ToArray()), "t.table"));
        Assert.Equal("t.table: the table file is truncated; re-run ingest.", e.Message);
    }

    [Fact]
    public void A_table_with_no_row_group_reads_as_empty_with_its_columns()
    {
        var table = TableFileTests.Sample();
        using var stream = Write(table, []);
        var back = TableFile.Read(stream, "mem");
        Assert.Equal(0, back.RowCount);
        Assert.Equal(Schema(table), Schema(back));
    }

    [Fact]
    public void Columns_left_out_are_read_past_in_every_group()
    {
        var table = TableFileTests.Sample();
        using var stream = Write(table, Cut(table, 700, 1400, 2100));
        var back = TableFile.Read(stream, "mem", (_, column) => column is "l" or "t");
        Assert.Equal(["l", "t"], back.Columns.Select(c => c.Name));
        Assert.Equal(TableFileTests.Rows(new Table("t", [table["l"], table["t"]])), TableFileTests.Rows(back));
    }
}
