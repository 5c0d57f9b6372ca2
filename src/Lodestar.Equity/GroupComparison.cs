namespace Lodestar.Equity;

/// <summary>
/// Pairwise comparison of every group with a reference group (HD*Calc pair difference and pair ratio; Harper &amp;
/// Lynch 2005): difference d = r − r_ref, SE √(s² + s_ref²), normal interval and z-test; ratio r/r_ref with interval
/// exp(ln RR ± z√(s²/r² + s_ref²/r_ref²)) and the z-test on ln RR. The NHQDR rule (AHRQ National Healthcare
/// Disparities Report 2010, ch. 1; NHQDR Methodology Report) calls a group better or worse only when p &lt; 0.05 and
/// |r − r_ref|/r_ref ≥ 10%. Proportions given as counts use Newcombe's score interval for the difference instead
/// (<see cref="ProportionDifference"/>), unless the options ask for the Wald pair difference.
/// </summary>
public static class GroupComparison
{
    public static IReadOnlyList<Comparison> Compare(IReadOnlyList<GroupStatistic> groups, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        options ??= new ComparisonOptions();
        if (groups.Count == 0)
        {
            return [];
        }
        var reference = groups[PickReference(groups, options)];
        var z = Proportions.Z(options.Confidence);
        var result = new List<Comparison>(groups.Count);
        foreach (var g in groups)
        {
            if (string.Equals(g.Group, reference.Group, StringComparison.Ordinal))
            {
                result.Add(new Comparison(g.Group, reference.Group, g.Value, reference.Value, 0, 0, 0, null, reference.Value > 0 ? 1 : null, null, null, null, 0, AhrqClass.Reference));
                continue;
            }
            result.Add(CompareOne(g, reference, z, options));
        }
        return result;
    }

    /// <summary>The index of the reference group under <paramref name="options"/>.</summary>
    public static int PickReference(IReadOnlyList<GroupStatistic> groups, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Reference)
        {
            case ReferenceChoice.Named:
                for (var i = 0; i < groups.Count; i++)
                {
                    if (string.Equals(groups[i].Group, options.ReferenceGroup, StringComparison.Ordinal))
                    {
                        return i;
                    }
                }
                throw new ArgumentException($"The reference group '{options.ReferenceGroup}' is not among the groups.", nameof(options));
            case ReferenceChoice.MostFavourable:
                var best = 0;
                for (var i = 1; i < groups.Count; i++)
                {
                    var better = options.Direction == Direction.HigherIsWorse ? groups[i].Value < groups[best].Value : groups[i].Value > groups[best].Value;
                    if (better)
                    {
                        best = i;
                    }
                }
                return best;
            default:
                var largest = 0;
                for (var i = 1; i < groups.Count; i++)
                {
                    if (groups[i].Population > groups[largest].Population)
                    {
                        largest = i;
                    }
                }
                return largest;
        }
    }

    private static Comparison CompareOne(GroupStatistic g, GroupStatistic reference, double z, ComparisonOptions options)
    {
        var d = g.Value - reference.Value;
        var (dLo, dHi, pD) = options.ProportionDifference == ProportionDifference.Newcombe
            && g.Counts is { } counts && reference.Counts is { } referenceCounts && counts.Multiplier == referenceCounts.Multiplier
            ? NewcombeDifference(counts, referenceCounts, options.Confidence)
            : WaldDifference(g, reference, d, z);
        double? ratio = null, rLo = null, rHi = null, pR = null;
        if (reference.Value > 0)
        {
            ratio = g.Value / reference.Value;
            if (g.Value > 0)
            {
                var seLog = Math.Sqrt(Square(g.StandardError / g.Value) + Square(reference.StandardError / reference.Value));
                var log = Math.Log(ratio.Value);
                rLo = Math.Exp(log - z * seLog);
                rHi = Math.Exp(log + z * seLog);
                pR = seLog > 0 ? Quantiles.TwoSidedNormalP(log / seLog) : log == 0 ? 1 : null;
            }
        }

        // NHQDR relative difference, in the adverse framing for favourable proportions unless asked otherwise.
        var (v, vRef) = (g.Value, reference.Value);
        if (options.ProportionScale is { } scale && options.Direction == Direction.HigherIsBetter && !options.AhrqAsGiven)
        {
            (v, vRef) = (scale - v, scale - vRef);
        }
        double? relative = vRef != 0 ? Math.Abs(v - vRef) / Math.Abs(vRef) : null;
        AhrqClass cls;
        if (relative is null || pD is null)
        {
            cls = d == 0 ? AhrqClass.Same : AhrqClass.NotClassified;
        }
        // The 10% is inclusive; the 1e-12 keeps 11,000 vs 10,000 (0.0999…98 in binary) on the right side of it.
        else if (pD < options.AhrqAlpha && relative >= options.AhrqRelativeThreshold - 1e-12)
        {
            var worse = options.Direction == Direction.HigherIsWorse ? d > 0 : d < 0;
            cls = worse ? AhrqClass.Worse : AhrqClass.Better;
        }
        else
        {
            cls = AhrqClass.Same;
        }
        return new Comparison(g.Group, reference.Group, g.Value, reference.Value, d, dLo, dHi, pD, ratio, rLo, rHi, pR, relative, cls,
            Why(g, reference, pD, relative));
    }

    private static (double Lower, double Upper, double? P) WaldDifference(GroupStatistic g, GroupStatistic reference, double d, double z)
    {
        var se = Math.Sqrt(g.StandardError * g.StandardError + reference.StandardError * reference.StandardError);
        double? p = se > 0 ? Quantiles.TwoSidedNormalP(d / se) : d == 0 ? 1 : null;
        return (d - z * se, d + z * se, p);
    }

    /// <summary>
    /// Newcombe 1998b method 10: with Wilson limits (l, u) of each proportion, d − √((p − l)² + (u_ref − p_ref)²) to
    /// d + √((u − p)² + (p_ref − l_ref)²). The p-value is the pooled score test (R's prop.test without continuity
    /// correction); when both groups are all 0% or all 100% there is no difference to test and p = 1.
    /// </summary>
    private static (double Lower, double Upper, double? P) NewcombeDifference(ProportionCounts group, ProportionCounts reference, double confidence)
    {
        var a = Proportions.Wilson(group.Numerator, group.Denominator, confidence);
        var b = Proportions.Wilson(reference.Numerator, reference.Denominator, confidence);
        var d = a.Value - b.Value;
        var lower = d - Math.Sqrt(Square(a.Value - a.Lower) + Square(b.Upper - b.Value));
        var upper = d + Math.Sqrt(Square(a.Upper - a.Value) + Square(b.Value - b.Lower));
        var pooled = (double)(group.Numerator + reference.Numerator) / (group.Denominator + reference.Denominator);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / group.Denominator + 1.0 / reference.Denominator));
        var p = se > 0 ? Quantiles.TwoSidedNormalP(d / se) : 1;
        return (lower * group.Multiplier, upper * group.Multiplier, p);
    }

    /// <summary>Says why a figure is empty: files carry no NaN or infinity, so each blank needs its reason.</summary>
    private static string Why(GroupStatistic g, GroupStatistic reference, double? pD, double? relative)
    {
        var reasons = new List<string>(3);
        if (pD is null)
        {
            reasons.Add("no difference p-value: both standard errors are 0 and the values differ");
        }
        if (!(reference.Value > 0))
        {
            reasons.Add("no ratio: the reference value is not above 0");
        }
        else if (!(g.Value > 0))
        {
            reasons.Add("no ratio interval: the group value is not above 0");
        }
        if (relative is null)
        {
            reasons.Add("no relative difference: the reference value it divides by is 0");
        }
        return string.Join("; ", reasons);
    }

    private static double Square(double x) => x * x;
}
