using System.IO.Compression;
using System.Text;

namespace Lodestar.Tables.Tests;

public sealed class TableFileReaderTests
{
    /// <summary>
    /// A version 1 file written byte by byte from the format as it was documented (one group; each column's name and
    /// type just before its payload), independent of the current writer.
    /// </summary>
    private static MemoryStream VersionOneFile() =>
        VersionOneFile(("gender", ColumnType.String, WriteGenderPayload), ("visits", ColumnType.Int64, WriteVisitsPayload));

    /// <summary>A version 1 table "patient" of three rows with these columns, each payload written as given.</summary>
    private static MemoryStream VersionOneFile(params (string Name, ColumnType Type, Action<BinaryWriter> Payload)[] columns)
    {
        var stream = new MemoryStream();
        stream.Write("LDST"u8);
        stream.WriteByte(1);
        using (var deflate = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(deflate, Encoding.UTF8))
        {
            w.Write("patient");
            w.Write(3); // rows
            w.Write(columns.Length);
            foreach (var (name, type, payload) in columns)
            {
                w.Write(name);
                w.Write((byte)type);
                payload(w);
            }
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>The gender column's payload in versions 1 and 2: dictionary, then codes (male, null, female).</summary>
    private static void WriteGenderPayload(BinaryWriter w)
    {
        w.Write(2);
        w.Write("female");
        w.Write("male");
        w.Write(3);
        foreach (var code in new[] { 1, -1, 0 })
        {
            w.Write(code);
        }
    }

    /// <summary>The visits column's payload in versions 1 and 2: validity (rows 0 and 2), then values 4, 0, 7.</summary>
    private static void WriteVisitsPayload(BinaryWriter w)
    {
        w.Write(true);
        w.Write(1);
        w.Write(0b101UL);
        w.Write(3);
        foreach (var v in new long[] { 4, 0, 7 })
        {
            w.Write(v);
        }
    }

    [Fact]
    public void A_version_1_file_still_reads_as_one_row_group()
    {
        var table = TableFile.Read(VersionOneFile(), "old.table");
        Assert.Equal("patient", table.Name);
        Assert.Equal(["male", null, "female"], Enumerable.Range(0, 3).Select(table["gender"].Format));
        Assert.Equal(["4", null, "7"], Enumerable.Range(0, 3).Select(table["visits"].Format));
        using var reader = TableFileReader.Open(VersionOneFile(), "old.table", (_, column) => column == "visits");
        Assert.Equal([("gender", ColumnType.String), ("visits", ColumnType.Int64)], reader.FileSchema);
        Assert.Equal(["visits"], reader.ReadRowGroup()!.Columns.Select(c => c.Name));
        Assert.Null(reader.ReadRowGroup());
    }

    /// <summary>A version 2 file written byte by byte: one deflated stream holding the schema and the row groups.</summary>
    private static MemoryStream VersionTwoFile()
    {
        var stream = new MemoryStream();
        stream.Write("LDST"u8);
        stream.WriteByte(2);
        using (var deflate = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(deflate, Encoding.UTF8))
        {
            w.Write("patient");
            w.Write(2); // columns
            w.Write("gender");
            w.Write((byte)ColumnType.String);
            w.Write("visits");
            w.Write((byte)ColumnType.Int64);
            w.Write(3); // rows of the one group
            WriteGenderPayload(w);
            WriteVisitsPayload(w);
            w.Write(-1); // end
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void A_version_2_file_still_reads_with_or_without_its_columns()
    {
        var table = TableFile.Read(VersionTwoFile(), "v2.table");
        Assert.Equal(["male", null, "female"], Enumerable.Range(0, 3).Select(table["gender"].Format));
        Assert.Equal(["4", null, "7"], Enumerable.Range(0, 3).Select(table["visits"].Format));
        var visits = TableFile.Read(VersionTwoFile(), "v2.table", (_, column) => column == "visits");
        Assert.Equal(["4", null, "7"], Enumerable.Range(0, 3).Select(visits["visits"].Format));
    }

    [Fact]
    public void Version_3_holds_a_plain_schema_then_one_deflated_block_per_column_of_each_group()
    {
        var stream = new MemoryStream();
        using (var writer = new TableFileWriter(stream, "patient", [("gender", ColumnType.String), ("visits", ColumnType.Int64)]))
        {
            var b = new TableBuilder("patient", [("gender", ColumnType.String), ("visits", ColumnType.Int64)]);
            foreach (var (gender, visits) in new (string?, long?)[] { ("male", 4), (null, null), ("female", 7) })
            {
                b.Column<StringColumnBuilder>(0).Append(gender);
                b.Column<Int64ColumnBuilder>(1).Append(visits);
            }
            writer.WriteRowGroup(b.Build());
            writer.Complete();
        }
        stream.Position = 0;
        using var r = new BinaryReader(stream);
        Assert.Equal("LDST"u8.ToArray(), r.ReadBytes(4));
        Assert.Equal(3, r.ReadByte());
        Assert.Equal("patient", r.ReadString());
        Assert.Equal(2, r.ReadInt32());
        Assert.Equal(("gender", (byte)ColumnType.String), (r.ReadString(), r.ReadByte()));
        Assert.Equal(("visits", (byte)ColumnType.Int64), (r.ReadString(), r.ReadByte()));
        Assert.Equal(3, r.ReadInt32());
        BinaryReader Block() => new(new DeflateStream(new MemoryStream(r.ReadBytes((int)r.ReadInt64())), CompressionMode.Decompress));
        using (var gender = Block())
        {
            Assert.Equal(2, gender.ReadInt32());
            Assert.Equal(["male", "female"], new[] { gender.ReadString(), gender.ReadString() });
            Assert.Equal(3, gender.ReadInt32());
            Assert.Equal([0, -1, 1], new[] { gender.ReadInt32(), gender.ReadInt32(), gender.ReadInt32() });
            Assert.Equal(-1, gender.BaseStream.ReadByte());
        }
        using (var visits = Block())
        {
            Assert.True(visits.ReadBoolean());
            Assert.Equal(1, visits.ReadInt32());
            Assert.Equal(0b101UL, visits.ReadUInt64());
            Assert.Equal(3, visits.ReadInt32());
            Assert.Equal([4L, 0L, 7L], new[] { visits.ReadInt64(), visits.ReadInt64(), visits.ReadInt64() });
        }
        Assert.Equal(-1, r.ReadInt32());
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Columns_left_out_are_passed_over_on_a_stream_that_cannot_seek()
    {
        var table = TableFileTests.Sample();
        var file = new MemoryStream();
        using (var writer = new TableFileWriter(file, "t", table.Columns.Select(c => (c.Name, c.Type)).ToList()))
        {
            foreach (var group in TableFileWriterTests.Cut(table, 1000, 2000))
            {
                writer.WriteRowGroup(group);
            }
            writer.Complete();
        }
        var back = TableFile.Read(new ForwardOnlyStream(file.ToArray()), "pipe", (_, column) => column is "l" or "t");
        Assert.Equal(TableFileTests.Rows(new Table("t", [table["l"], table["t"]])), TableFileTests.Rows(back));
    }

    [Theory]
    [InlineData(int.MaxValue, 0)]
    [InlineData(3, int.MaxValue)]
    public void A_dictionary_claiming_more_than_the_file_holds_is_refused_as_truncated(int count, int length)
    {
        var stream = VersionOneFile(("gender", ColumnType.String, w =>
        {
            w.Write(count);
            w.Write7BitEncodedInt(length);
            w.Write("female"u8);
        }));
        var e = Assert.Throws<InvalidDataException>(() => TableFile.Read(stream, "t.table"));
        Assert.Equal("t.table: the table file is truncated; re-run ingest.", e.Message);
    }

    [Fact]
    public void A_damaged_column_block_is_named_with_the_file()
    {
        var table = TableFileTests.Sample();
        var file = new MemoryStream();
        TableFile.Write(table, file);
        var bytes = file.ToArray();
        // The first block starts after the magic, version, name, schema and row count; its length precedes it.
        var at = 5 + 2 + 4 + table.Columns.Sum(c => 1 + c.Name.Length + 1) + 4;
        var length = (int)BitConverter.ToInt64(bytes, at);
        Array.Clear(bytes, at + 8, length);
        var e = Assert.Throws<InvalidDataException>(() => TableFile.Read(new MemoryStream(bytes), "t.table"));
        Assert.StartsWith("t.table: the table file is damaged (", e.Message, StringComparison.Ordinal);
        // The other columns still read: the damage is confined to the block.
        var rest = TableFile.Read(new MemoryStream(bytes), "t.table", (_, column) => column != "s");
        Assert.Equal(TableFileTests.Rows(new Table("t", table.Columns.Skip(1).ToList())), TableFileTests.Rows(rest));
    }

    [Fact]
    public void Large_groups_whose_blocks_are_compressed_and_inflated_side_by_side_read_back_as_written()
    {
        var b = new TableBuilder("big", [("id", ColumnType.String), ("n", ColumnType.Int64), ("x", ColumnType.Double), ("day", ColumnType.Date)]);
        for (var k = 0; k < 200_000; k++)
        {
            b.Column<StringColumnBuilder>(0).Append($"patient-{k * 7919 % 200_003}");
            b.Column<Int64ColumnBuilder>(1).Append(k % 17 == 0 ? null : k * 1_000_000_007L);
            b.Column<DoubleColumnBuilder>(2).Append(Math.Sqrt(k));
            b.Column<DateColumnBuilder>(3).Append(new DateOnly(1950, 1, 1).AddDays(k % 30_000));
        }
        var table = b.Build();
        var file = new MemoryStream();
        TableFile.Write(table, file);
        Assert.True(file.Length > 1 << 20, "the blocks should exceed the size above which they are inflated on the thread pool");
        file.Position = 0;
        Assert.Equal(TableFileTests.Rows(table), TableFileTests.Rows(TableFile.Read(file, "big.table")));
    }

    [Fact]
    public void An_unknown_version_is_refused_with_the_versions_this_build_reads()
    {
        var e = Assert.Throws<InvalidDataException>(() => TableFileReader.Open(new MemoryStream("LDST\u0009"u8.ToArray()), "future.table"));
        Assert.Equal("future.table: table format version 9 is not supported (this lodestar reads versions 1 to 3); re-run ingest with this version.", e.Message);
    }

    [Fact]
    public void Row_groups_stream_one_at_a_time_with_only_the_kept_columns()
    {
        var table = TableFileTests.Sample();
        using var stream = new MemoryStream();
        using (var writer = new TableFileWriter(stream, "t", table.Columns.Select(c => (c.Name, c.Type)).ToList()))
        {
            foreach (var group in TableFileWriterTests.Cut(table, 1000, 2000))
            {
                writer.WriteRowGroup(group);
            }
            writer.Complete();
        }
        stream.Position = 0;
        using var reader = TableFileReader.Open(stream, "mem", (_, column) => column == "i");
        Assert.Equal([("i", ColumnType.Int64)], reader.Schema);
        var sizes = new List<int>();
        while (reader.ReadRowGroup() is { } group)
        {
            Assert.Equal(["i"], group.Columns.Select(c => c.Name));
            sizes.Add(group.RowCount);
        }
        Assert.Equal([1000, 1000, 1000], sizes);
    }
}
