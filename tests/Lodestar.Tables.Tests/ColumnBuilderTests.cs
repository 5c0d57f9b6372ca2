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
}
