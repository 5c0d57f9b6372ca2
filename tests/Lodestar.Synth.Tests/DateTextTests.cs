using System.Text;

namespace Lodestar.Synth.Tests;

public sealed class DateTextTests
{
    [Theory]
    [InlineData(1870, 1, 1)] // first day of the table
    [InlineData(1900, 2, 28)] // 1900 is not a leap year: March 1 follows
    [InlineData(1900, 3, 1)]
    [InlineData(2000, 2, 29)] // 2000 is
    [InlineData(2024, 2, 29)]
    [InlineData(2025, 12, 31)]
    [InlineData(2110, 12, 31)] // last day of the table
    [InlineData(2111, 1, 1)] // past it: formatted the slow way
    [InlineData(1869, 12, 31)] // before it
    [InlineData(1000, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void Every_day_reads_as_its_ISO_date(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var bytes = new byte[DateText.Length];
        DateText.Write(bytes, date.DayNumber);
        Assert.Equal(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Consecutive_days_across_the_window_match_the_calendar()
    {
        var bytes = new byte[DateText.Length];
        for (var date = new DateOnly(2019, 12, 25); date <= new DateOnly(2026, 1, 5); date = date.AddDays(1))
        {
            DateText.Write(bytes, date.DayNumber);
            Assert.Equal($"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}", Encoding.ASCII.GetString(bytes));
        }
    }
}
