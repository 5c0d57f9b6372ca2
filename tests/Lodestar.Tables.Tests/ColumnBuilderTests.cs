namespace Lodestar.Tables.Tests;

public sealed class ColumnBuilderTests
{
    [Fact]
    public void Text_appended_as_characters_is_interned_with_text_appended_as_strings()
    {
        var builder = new StringColumnBuilder("s");
        builder.Append("alpha");
        builder.Append("alpha".AsSpan());
        builder.Append("beta".AsSpan());
        builder.AppendNull();
        builder.Append("beta");

        var column = (StringColumn)builder.Build();

        Assert.Equal(["alpha", "beta"], column.Dictionary);
        Assert.Equal(["alpha", "alpha", "beta", null, "beta"], Enumerable.Range(0, 5).Select(column.Format));
    }

    [Fact]
    public void List_rows_built_item_by_item_equal_rows_appended_whole()
    {
        var byItem = new StringListColumnBuilder("l");
        byItem.AppendItem("a|1".AsSpan());
        byItem.AppendItem("b|2");
        byItem.EndRow();
        byItem.EndRow();
        byItem.AppendItem("a|1");
        byItem.EndRow();
        var whole = new StringListColumnBuilder("l");
        whole.Append(["a|1", "b|2"]);
        whole.Append([]);
        whole.Append(["a|1"]);

        var x = byItem.Build();
        var y = whole.Build();

        Assert.Equal(3, x.Count);
        Assert.Equal(Enumerable.Range(0, 3).Select(y.Format), Enumerable.Range(0, 3).Select(x.Format));
    }

    [Fact]
    public void A_staging_column_of_mostly_distinct_values_keeps_every_row_and_re_interns_to_the_plain_column()
    {
        // Ids (each new) with every 20th row repeating an earlier id and every 7th a null: past the sample, the staging
        // builder stops looking values up, so the repeats get codes of their own.
        var values = Enumerable.Range(0, 3 * StringColumnBuilder.StagingSample)
            .Select(i => i % 7 == 3 ? null : i % 20 == 0 ? $"id-{i / 2}é" : $"id-{i}é").ToArray();
        var staging = new StringColumnBuilder("id", staging: true);
        var plain = new StringColumnBuilder("id");
        foreach (var value in values)
        {
            if (value is null)
            {
                staging.AppendNull();
                plain.AppendNull();
            }
            else
            {
                staging.AppendUtf8(System.Text.Encoding.UTF8.GetBytes(value));
                plain.AppendUtf8(System.Text.Encoding.UTF8.GetBytes(value));
            }
        }
        var staged = (StringColumn)staging.Build();
        var expected = (StringColumn)plain.Build();

        Assert.Equal(values, Enumerable.Range(0, values.Length).Select(staged.Format));
        Assert.True(staged.Dictionary.Length > expected.Dictionary.Length, "past the sample, repeats are appended as new entries");
        Assert.Equal(expected.Dictionary.Length, expected.Dictionary.Distinct().Count());
        // What a merge does with it: re-interned, it is the column a plain builder makes.
        var merged = new StringColumnBuilder("id");
        merged.AppendRange(staged, 0, staged.Count);
        var again = (StringColumn)merged.Build();
        Assert.Equal(expected.Dictionary, again.Dictionary);
        Assert.Equal(expected.Codes, again.Codes);
    }

    [Fact]
    public void A_staging_column_of_repeating_values_stays_de_duplicated()
    {
        // A status-like column: many rows, few values, never two equal neighbours (so the last-value shortcut never applies).
        var staging = new StringColumnBuilder("status", staging: true);
        for (var i = 0; i < 4 * StringColumnBuilder.StagingSample; i++)
        {
            staging.AppendUtf8(System.Text.Encoding.UTF8.GetBytes($"s{i % 50}"));
        }
        var column = (StringColumn)staging.Build();
        Assert.Equal(50, column.Dictionary.Length);
    }

    [Fact]
    public void Ranges_appended_from_other_columns_are_re_interned_in_first_use_order()
    {
        var source = new StringColumn("s", [2, -1, 0, 2, 1], ["unused-first", "b", "a"]);
        var builder = new StringColumnBuilder("s");
        builder.Append("z");
        builder.AppendRange(source, 0, 3); // a, null, unused-first
        builder.AppendRange(source, 3, 2); // a, b: the same dictionary's map is reused
        var column = (StringColumn)builder.Build();
        Assert.Equal(["z", "a", "unused-first", "b"], column.Dictionary);
        Assert.Equal(["z", "a", null, "unused-first", "a", "b"], Enumerable.Range(0, 6).Select(column.Format));
    }

    [Fact]
    public void Ranges_alternating_between_more_dictionaries_than_it_keeps_maps_for_give_every_value()
    {
        // Ten sources (more than the eight maps kept), visited round robin three times, as a merge alternates runs.
        var sources = Enumerable.Range(0, 10).Select(k => new StringColumn("s", [0, 1, -1], [$"k{k}", "shared"])).ToArray();
        var builder = new StringColumnBuilder("s");
        var expected = new List<string?>();
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var (source, k) in sources.Select((s, k) => (s, k)))
            {
                builder.AppendRange(source, pass % 3, 1);
                expected.Add((pass % 3) switch { 0 => $"k{k}", 1 => "shared", _ => null });
            }
        }
        var column = (StringColumn)builder.Build();
        Assert.Equal(expected, Enumerable.Range(0, expected.Count).Select(column.Format));
        Assert.Equal([.. Enumerable.Range(0, 10).Select(k => $"k{k}"), "shared"], column.Dictionary);
    }

    [Theory]
    // Repeats (remembered), an empty string, non-ASCII text, and values longer than the 256 bytes remembered.
    [InlineData("final|final|final||é€😀|é€😀|final")]
    [InlineData("LONG|LONG|x|LONG")]
    public void Utf8_text_gives_the_column_its_characters_would(string values)
    {
        var texts = values.Split('|').Select(v => v == "LONG" ? new string('ü', 200) + "-" + new string('a', 60) : v).ToArray();
        var fromUtf8 = new StringColumnBuilder("s");
        var fromChars = new StringColumnBuilder("s");
        var listFromUtf8 = new StringListColumnBuilder("l");
        var listFromChars = new StringListColumnBuilder("l");
        foreach (var text in texts)
        {
            fromUtf8.AppendUtf8(System.Text.Encoding.UTF8.GetBytes(text));
            fromChars.Append(text.AsSpan());
            listFromUtf8.AppendItemUtf8(System.Text.Encoding.UTF8.GetBytes(text));
            listFromChars.AppendItem(text.AsSpan());
        }
        listFromUtf8.EndRow();
        listFromChars.EndRow();
        var a = (StringColumn)fromUtf8.Build();
        var b = (StringColumn)fromChars.Build();
        Assert.Equal(b.Dictionary, a.Dictionary);
        Assert.Equal(b.Codes, a.Codes);
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(a.Format));
        Assert.Equal(listFromChars.Build().Format(0), listFromUtf8.Build().Format(0));
    }

    [Fact]
    public void List_and_fixed_ranges_keep_values_and_nulls()
    {
        var lists = new StringListColumn("l", [0, 2, 2, 3], [1, 0, 1], ["x", "y"]);
        var listBuilder = new StringListColumnBuilder("l");
        listBuilder.AppendRange(lists, 1, 2);
        var l = (StringListColumn)listBuilder.Build();
        Assert.Equal([null, "y"], Enumerable.Range(0, 2).Select(l.Format));
        Assert.Equal(["y"], l.Dictionary);

        var validity = new Validity(3);
        validity.Set(0);
        validity.Set(2);
        var dates = new DateColumn("t", [10, 0, 12], validity);
        var dateBuilder = new DateColumnBuilder("t");
        dateBuilder.AppendRange(dates, 0, 3);
        var t = (DateColumn)dateBuilder.Build();
        Assert.Equal([DateOnly.FromDayNumber(10), null, DateOnly.FromDayNumber(12)], Enumerable.Range(0, 3).Select(r => t[r]));
    }

    [Fact]
    public void Fixed_ranges_that_outgrow_the_builder_several_times_over_equal_rows_appended_one_by_one()
    {
        var values = Enumerable.Range(0, 5000).Select(i => i % 7 == 3 ? (long?)null : i * 31L).ToArray();
        var source = new Int64ColumnBuilder("i");
        foreach (var v in values)
        {
            source.Append(v);
        }
        var column = (Int64Column)source.Build();
        var bulk = new Int64ColumnBuilder("i");
        bulk.Append(-1);
        bulk.AppendRange(column, 10, 4000); // from 1,024 rows of room to 4,096 in one range
        bulk.AppendRange(column, 0, 10);
        bulk.AppendRange(column, 4010, 990);
        var allValid = new Int64ColumnBuilder("i");
        allValid.AppendRange(new Int64Column("i", [5, 6, 7], null), 1, 2);

        var built = (Int64Column)bulk.Build();
        long?[] expected = [-1, .. values[10..4010], .. values[..10], .. values[4010..]];
        Assert.Equal(expected, Enumerable.Range(0, built.Count).Select(r => built.IsNull(r) ? null : (long?)built.Values[r]));
        var valid = (Int64Column)allValid.Build();
        Assert.Equal([6L, 7L], valid.Values);
        Assert.Null(valid.Validity);
    }

    [Fact]
    public void A_range_of_another_type_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Int64ColumnBuilder("i").AppendRange(new BoolColumn("b", [true], null), 0, 1));
        Assert.StartsWith("Cannot append a Bool column to a Int64 column.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimated_bytes_follow_capacity_and_new_strings()
    {
        var ints = new Int64ColumnBuilder("i");
        var empty = ints.EstimatedBytes;
        Assert.Equal(1024 * 8 + 1024 / 8, empty); // 1,024 longs and their validity bits
        for (var r = 0; r < 1025; r++)
        {
            ints.Append(r);
        }
        Assert.Equal(2 * empty, ints.EstimatedBytes); // doubled on the 1,025th row

        var strings = new StringColumnBuilder("s");
        var before = strings.EstimatedBytes;
        for (var r = 0; r < 1000; r++)
        {
            strings.Append("abcd");
        }
        Assert.Equal(before, strings.EstimatedBytes); // a repeated value costs its code, in capacity already counted
        for (var r = 0; r < 1000; r++)
        {
            strings.Append($"value {r:D6}");
        }
        // At least each row's code, each distinct value's 12 bytes and the three ints that index it; arrays at most
        // double what they hold, and the hash table is at most four times the values.
        var least = 4 * 2000 + 1001 * (12 + 3 * 4);
        Assert.InRange(strings.EstimatedBytes, least, 4 * least);
    }
}
