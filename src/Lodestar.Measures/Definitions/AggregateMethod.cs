namespace Lodestar.Measures.Definitions;

/// <summary>
/// How a continuous measure aggregates its observations into a score (FHIR measure-aggregate-method:
/// average, median, sum, count). Minimum and maximum are not offered: they have no interval worth printing.
/// </summary>
public enum AggregateMethod { Median, Average, Sum, Count }
