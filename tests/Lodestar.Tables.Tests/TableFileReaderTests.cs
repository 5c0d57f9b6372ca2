using System.IO.Compression;
using System.Text;

namespace Lodestar.Tables.Tests;

public sealed class TableFileReaderTests
{
    /// <summary>
    /// A version 1 file written byte by byte from the format as it was documented (one group; each column's name and
    /// type just before its payload), independent of the current writer.
    /// </summary>
    private static MemoryStream VersionOneFile()
    {
        var stream = new MemoryStream();
        stream.Write("LDST"u8);
        stream.WriteByte(1);
        using (var deflate = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(deflate, Encoding.UTF8))
        {
            w.Write("patient");
            w.Write(3); // rows
            w.Write(2); // columns
            w.Write("gender");
            w.Write((byte)ColumnType.String);
            w.Write(2);
            w.Write("female");
            w.Write("male");
            w.Write(3);
            foreach (var code in new[] { 1, -1, 0 })
            {
                w.Write(code);
            }
            w.Write("visits");
            w.Write((byte)ColumnType.Int64);
            w.Write(true); // validity: rows 0 and 2
            w.Write(1);
            w.Write(0b101UL);
            w.Write(3);
            foreach (var v in new long[] { 4, 0, 7 })
            {
                w.Write(v);
            }
        }
        stream.Position = 0;
        return stream;
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

    [Fact]
    public void An_unknown_version_is_refused_with_the_versions_this_build_reads()
    {
        var e = Assert.Throws<InvalidDataException>(() => TableFileReader.Open(new MemoryStream("LDST\u0009"u8.ToArray()), "future.table"));
        Assert.Equal("future.table: table format version 9 is not supported (this lodestar reads versions 1 and 2); re-run ingest with this version.", e.Message);
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
