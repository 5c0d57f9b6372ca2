namespace Lodestar.Measures.Definitions;

/// <summary>A window of days relative to the measurement period, e.g. [start-27mo, end].</summary>
public sealed record Window(DateAnchor From, DateAnchor To)
{
    public static readonly Window MeasurementPeriod = new(DateAnchor.PeriodStart, DateAnchor.PeriodEnd);

    public Period Resolve(Period period) => new(From.Resolve(period), To.Resolve(period));

    public override string ToString() => this == MeasurementPeriod ? "period" : $"{From}..{To}";
}
