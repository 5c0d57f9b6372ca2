namespace Lodestar.Measures.Definitions;

/// <summary>
/// A continuous measure's measure-observation: the function giving each member of the measure population its
/// values (one per episode or one per patient) and the method aggregating them into the score.
/// </summary>
public sealed record MeasureObservation(ObservationFunction Function, AggregateMethod Aggregate)
{
    /// <summary>The UCUM unit of the observed values (and of the score, except for a count).</summary>
    public string Unit => "d";
}
