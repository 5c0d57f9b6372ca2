namespace Lodestar.Measures.Definitions;

/// <summary>A closed interval of calendar days, the measurement period or a window derived from it.</summary>
public readonly record struct Period(DateOnly Start, DateOnly End)
{
    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public bool Contains(int dayNumber) => dayNumber >= Start.DayNumber && dayNumber <= End.DayNumber;

    public override string ToString() => Start.Month == 1 && Start.Day == 1 && End == new DateOnly(Start.Year, 12, 31)
        ? Start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
