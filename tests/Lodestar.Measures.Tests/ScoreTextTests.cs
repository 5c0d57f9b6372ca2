using Lodestar.Equity;
using Lodestar.Measures.Analysis;
using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Tests;

public sealed class ScoreTextTests
{
    [Theory]
    [InlineData(Scoring.Proportion, 0.359, "35.9 %")]              // proportions read as percentages
    [InlineData(Scoring.RatePer1000, 466.66, "466.7 per 1,000")]   // rates keep their multiplier, never a percentage
    [InlineData(Scoring.RatePer1000, 1234.5, "1,234.5 per 1,000")] // rates may exceed 1,000
    [InlineData(Scoring.Ratio, 0.0898, "0.090")]                   // ratios are plain numbers
    public void Scores_read_in_their_own_units(Scoring scoring, double value, string expected) =>
        Assert.Equal(expected, ScoreText.Value(value, scoring));

    [Fact]
    public void The_interval_follows_the_score() =>
        Assert.Equal("2.0 per 1,000 (1.0 per 1,000–3.0 per 1,000)", ScoreText.WithInterval(new Estimate(2, 1, 3), Scoring.RatePer1000));
}
