using Lodestar.Cli.Commands;

namespace Lodestar.Cli.Tests;

public sealed class StatsLevelsTests
{
    [Theory]
    [InlineData(0.95, "95")]
    [InlineData(0.998, "99_8")]   // Fingertips' second level; PHE names it 99_8 too
    [InlineData(0.9, "90")]
    [InlineData(0.999, "99_9")]
    [InlineData(0.9999, "99_99")] // more than one decimal survives
    public void Suffix_is_the_percentage_with_an_underscore_for_the_point(double level, string suffix) =>
        Assert.Equal(suffix, StatsLevels.Suffix(level));

    [Fact]
    public void One_level_leaves_the_output_as_built()
    {
        var built = new StatsOutput(["group", "value", "lower", "upper", "confidence"]);
        Assert.Same(built, StatsLevels.Run([0.95], _ => built));
    }

    [Fact]
    public void Interval_blocks_repeat_per_level_and_other_columns_appear_once()
    {
        var merged = StatsLevels.Run([0.9, 0.99], level =>
        {
            var o = new StatsOutput(["group", "lower", "upper", "p", "ratio_lower", "ratio_upper", "confidence"]);
            o.Add("A", -level, level, 0.5, 1 - level, 1 + level, level);
            return o;
        });
        Assert.Equal(["group", "lower90", "upper90", "lower99", "upper99", "p", "ratio_lower90", "ratio_upper90", "ratio_lower99", "ratio_upper99", "confidence"], merged.Header);
        Assert.Equal(["A", -0.9, 0.9, -0.99, 0.99, 0.5, 1 - 0.9, 1 + 0.9, 1 - 0.99, 1 + 0.99, "0.9;0.99"], merged.Rows[0]);
    }

    [Fact]
    public void Input_columns_keep_their_place_even_when_named_like_limits()
    {
        var merged = StatsLevels.Run([0.95, 0.998], level =>
        {
            var o = new StatsOutput(["group", "ci_lower", "lower", "upper"]);
            o.Add("A", 3.0, -level, level);
            return o;
        }, inputColumns: 2);
        Assert.Equal(["group", "ci_lower", "lower95", "upper95", "lower99_8", "upper99_8"], merged.Header);
    }

    [Fact]
    public void An_undeclared_column_that_moves_with_the_level_is_a_bug_not_a_silent_pick()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StatsLevels.Run([0.95, 0.998], level =>
        {
            var o = new StatsOutput(["group", "class"]);
            o.Add("A", level > 0.99 ? "same" : "worse");
            return o;
        }));
        Assert.Contains("'class'", ex.Message, StringComparison.Ordinal);
    }
}
