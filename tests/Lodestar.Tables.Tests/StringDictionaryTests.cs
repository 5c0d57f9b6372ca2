using System.Text;

namespace Lodestar.Tables.Tests;

public sealed class StringDictionaryTests
{
    [Fact]
    public void Codes_follow_first_use_and_a_value_seen_again_keeps_its_code()
    {
        var interner = new Utf8Interner();
        // Enough values to grow every array and the hash table many times; the repeats come back in another order.
        var values = Enumerable.Range(0, 50_000).Select(i => $"Patient/{i * 7919 % 100_003}").ToArray();
        var codes = values.Select(v => interner.Intern(Encoding.UTF8.GetBytes(v))).ToArray();
        Assert.Equal(Enumerable.Range(0, values.Length), codes);
        for (var i = values.Length - 1; i >= 0; i -= 3)
        {
            Assert.Equal(i, interner.Intern(values[i].AsSpan()));
        }
        Assert.Equal(values.Length, interner.Count);
        Assert.Equal(values, interner.ToDictionary().Strings);
    }

    [Fact]
    public void Empty_and_non_ascii_values_are_values_like_any_other()
    {
        var interner = new Utf8Interner();
        string[] values = ["", "Peña", "Nguyễn", "李", "🙂", "a"];
        foreach (var v in values)
        {
            interner.Intern(v.AsSpan());
        }
        Assert.Equal(values, interner.ToDictionary().Strings);
        Assert.Equal(1, interner.Intern(Encoding.UTF8.GetBytes("Peña")));
    }

    [Fact]
    public void Invalid_utf8_is_kept_as_its_decoded_string_would_be()
    {
        var interner = new Utf8Interner();
        byte[] broken = [(byte)'a', 0xC3, (byte)'b'];
        var code = interner.Intern(broken);
        Assert.Equal("a\uFFFDb", interner.ToDictionary().Strings[code]);
        // The same bytes, and the string they decode to, find that one entry.
        Assert.Equal(code, interner.Intern(broken));
        Assert.Equal(code, interner.Intern("a\uFFFDb".AsSpan()));
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void A_dictionary_taken_while_interning_goes_on_is_unchanged_by_later_values()
    {
        var interner = new Utf8Interner();
        interner.Intern("first".AsSpan());
        var early = interner.ToDictionary();
        for (var i = 0; i < 10_000; i++)
        {
            interner.Intern($"later {i}".AsSpan());
        }
        Assert.Equal(["first"], early.Strings);
        Assert.Equal(10_001, interner.ToDictionary().Count);
    }

    [Fact]
    public void Strings_are_decoded_once()
    {
        var builder = new StringColumnBuilder("s");
        builder.AppendUtf8("x"u8);
        var column = (StringColumn)builder.Build();
        Assert.Same(column.Dictionary, column.Dictionary);
    }

    [Fact]
    public void A_column_built_from_utf8_is_written_byte_for_byte_as_one_built_from_strings()
    {
        string?[] values = ["Peña", null, "🙂", "", "Peña", "a\uFFFDb", "z"];
        var fromStrings = new StringColumnBuilder("s");
        var fromUtf8 = new StringColumnBuilder("s");
        var listFromStrings = new StringListColumnBuilder("l");
        var listFromUtf8 = new StringListColumnBuilder("l");
        foreach (var v in values)
        {
            fromStrings.Append(v);
            listFromStrings.Append(v is null ? [] : [v, "k"]);
            if (v is null)
            {
                fromUtf8.AppendNull();
                listFromUtf8.EndRow();
                continue;
            }
            fromUtf8.AppendUtf8(Encoding.UTF8.GetBytes(v));
            listFromUtf8.AppendItemUtf8(Encoding.UTF8.GetBytes(v));
            listFromUtf8.AppendItemUtf8("k"u8);
            listFromUtf8.EndRow();
        }
        // And the reference: the same values handed over as plain string arrays.
        var plain = new Table("t", [
            new StringColumn("s", [0, -1, 1, 2, 0, 3, 4], ["Peña", "🙂", "", "a\uFFFDb", "z"]),
            new StringListColumn("l", [0, 2, 2, 4, 6, 8, 10, 12], [0, 1, 2, 1, 3, 1, 0, 1, 4, 1, 5, 1], ["Peña", "k", "🙂", "", "a\uFFFDb", "z"])]);

        var expected = Bytes(plain);
        Assert.Equal(expected, Bytes(new Table("t", [fromStrings.Build(), listFromStrings.Build()])));
        Assert.Equal(expected, Bytes(new Table("t", [fromUtf8.Build(), listFromUtf8.Build()])));
        // Read back (as UTF-8) and written again: the same bytes.
        using var stream = new MemoryStream(expected);
        Assert.Equal(expected, Bytes(TableFile.Read(stream, "mem")));
    }

    private static byte[] Bytes(Table table)
    {
        using var stream = new MemoryStream();
        TableFile.Write(table, stream);
        return stream.ToArray();
    }
}
