using Lodestar.Measures.Definitions;

namespace Lodestar.Measures.Engine;

/// <summary>A patient in the scoring denominator who did not meet the numerator, with why.</summary>
public readonly record struct CareGap(int Patient, string Reason);

/// <summary>
/// Care-gap lists, the patients outreach acts on. For a measure where higher is better: denominator
/// members, not excluded or excepted, not in the numerator; the reason names the numerator's parts the
/// patient did not meet. For an inverse measure (lower is better, e.g. HbA1c &gt; 9%) the gap is the
/// numerator itself; the reason names the parts that put the patient there. Parts are evaluated with the
/// same engine, so the list and the counts always agree.
/// </summary>
public sealed class CareGaps(ICriterionEvaluator evaluator)
{
    public CareGaps(EvaluationContext context)
        : this(new CriterionEvaluator(context))
    {
    }

    public IReadOnlyList<CareGap> Find(MeasureResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Measure.Scoring == Scoring.Continuous)
        {
            // A continuous measure has no numerator to fall short of: a length of stay is a value, not a gap.
            return [];
        }
        var m = result.Members;
        var numerator = result.Measure.Populations[PopulationCodes.Numerator];
        var inverse = result.Measure.LowerIsBetter;
        var gaps = inverse
            ? m[PopulationCodes.Numerator]
            : m[PopulationCodes.Denominator]
                .AndNot(m[PopulationCodes.DenominatorExclusion])
                .AndNot(m[PopulationCodes.DenominatorException])
                .AndNot(m[PopulationCodes.Numerator]);
        var parts = (inverse, numerator) switch
        {
            (false, AllOf all) => all.Children,
            (true, AnyOf any) => any.Children,
            _ => [numerator],
        };
        var evaluated = parts.Select(p => (Text: CriterionText.Describe(p), Met: evaluator.Evaluate(p, result.Period, m))).ToList();
        var list = new List<CareGap>();
        gaps.ForEach(p =>
        {
            var reasons = inverse
                ? evaluated.Where(f => f.Met[p]).Select(f => f.Text).ToList()
                : evaluated.Where(f => !f.Met[p]).Select(f => "not met: " + f.Text).ToList();
            list.Add(new CareGap(p, reasons.Count == 0 ? CriterionText.Describe(numerator) : string.Join("; ", reasons)));
        });
        return list;
    }
}
