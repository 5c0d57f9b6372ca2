namespace Lodestar.Equity;

/// <summary>
/// Summary measures of disparity across all groups (NCI HD*Calc; Harper &amp; Lynch 2005, NCI Monograph 6; Pearcy &amp;
/// Keppel 2002; Low &amp; Low 2004 and PHEindicatormethods phe_sii for SII/RII; Kakwani, Wagstaff &amp; van Doorslaer
/// 1997 for the concentration index). Weights are population shares pⱼ = Pⱼ/ΣP and μ = Σ pⱼ rⱼ. Standard errors follow
/// Ahn et al. 2018 (JCO Clin Cancer Inform 2:1–19): delta method with the populations fixed and the group values
/// independent with the SEs given.
/// </summary>
public static class DisparityIndices
{
    public static IReadOnlyList<DisparityIndex> Compute(IReadOnlyList<GroupStatistic> groups, DisparityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        options ??= new DisparityOptions();
        var j = groups.Count;
        if (j == 0)
        {
            return [];
        }
        var population = 0.0;
        foreach (var g in groups)
        {
            if (!(g.Population >= 0) || !double.IsFinite(g.Value) || !(g.StandardError >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(groups), $"{g.Group}: needs a finite value, SE >= 0 and population >= 0.");
            }
            population += g.Population;
        }
        if (!(population > 0))
        {
            throw new ArgumentException("The groups have no population between them.", nameof(groups));
        }
        var z = Proportions.Z(options.Confidence);
        var p = groups.Select(g => g.Population / population).ToArray();
        var r = groups.Select(g => g.Value).ToArray();
        var s = groups.Select(g => g.StandardError).ToArray();
        var mu = 0.0;
        for (var i = 0; i < j; i++)
        {
            mu += p[i] * r[i];
        }
        var list = new List<DisparityIndex>();
        var allZero = "not estimable: the mean rate is 0";

        // Range: the extreme groups (HD*Calc range difference / range ratio), SE as a pair comparison.
        var hi = 0;
        var lo = 0;
        for (var i = 1; i < j; i++)
        {
            if (r[i] > r[hi]) { hi = i; }
            if (r[i] < r[lo]) { lo = i; }
        }
        var rdSe = Math.Sqrt(s[hi] * s[hi] + s[lo] * s[lo]);
        list.Add(WithNormal("range_difference", r[hi] - r[lo], rdSe, z, "max r − min r (HD*Calc RD)", ""));
        if (r[lo] > 0)
        {
            var seLog = Math.Sqrt(Sq(s[hi] / r[hi]) + Sq(s[lo] / r[lo]));
            var rr = r[hi] / r[lo];
            list.Add(new DisparityIndex("range_ratio", rr, rr * Math.Exp(-z * seLog), rr * Math.Exp(z * seLog), null, "max r / min r (HD*Calc RR), log-scale interval", ""));
        }
        else
        {
            list.Add(Missing("range_ratio", "max r / min r (HD*Calc RR)", "not estimable: the lowest rate is 0"));
        }

        list.Add(Idisp(groups, r, mu, options));
        list.Add(mu > 0
            ? Point("idisp_weighted", 100 * Enumerable.Range(0, j).Sum(i => p[i] * Math.Abs(r[i] - mu)) / mu, "100·Σ pⱼ|rⱼ − μ|/μ (weighted IDisp)")
            : Missing("idisp_weighted", "100·Σ pⱼ|rⱼ − μ|/μ (weighted IDisp)", allZero));

        list.Add(Bgv(p, r, s, mu, z));
        list.Add(Theil(p, r, s, mu, z));
        list.Add(Mld(p, r, s, mu, z));
        list.AddRange(PopulationAttributable(r, mu, options));

        if (groups.All(g => g.Order is not null))
        {
            list.AddRange(Ordered(groups, p, r, s, mu, z, options));
        }
        return list;
    }

    private static DisparityIndex Idisp(IReadOnlyList<GroupStatistic> groups, double[] r, double mu, DisparityOptions options)
    {
        double reference;
        var label = "total";
        switch (options.IdispReference)
        {
            case IdispReference.MostFavourable:
                reference = options.Direction == Direction.HigherIsWorse ? r.Min() : r.Max();
                label = "most favourable group";
                break;
            case IdispReference.Named:
                var k = Enumerable.Range(0, groups.Count).FirstOrDefault(i => groups[i].Group == options.IdispReferenceGroup, -1);
                if (k < 0)
                {
                    throw new ArgumentException($"The IDisp reference group '{options.IdispReferenceGroup}' is not among the groups.", nameof(options));
                }
                reference = r[k];
                label = options.IdispReferenceGroup!;
                break;
            default:
                reference = mu;
                break;
        }
        var divisor = options.IdispDivideByGroupsCompared ? groups.Count - 1 : groups.Count;
        var definition = $"100·[(1/{(options.IdispDivideByGroupsCompared ? "(J−1)" : "J")})·Σ|rⱼ − r_ref|]/r_ref, reference = {label} (Pearcy & Keppel 2002)";
        if (divisor == 0)
        {
            return Missing("idisp", definition, "not estimable: one group leaves none to compare");
        }
        if (!(reference > 0))
        {
            return Missing("idisp", definition, "not estimable: the reference rate is 0");
        }
        return Point("idisp", 100 * r.Sum(x => Math.Abs(x - reference)) / divisor / reference, definition);
    }

    /// <summary>BGV = Σ pⱼ(rⱼ − μ)² computed directly so equal rates give exactly 0; Var = 4 rᵀAΣAr + 2 tr((AΣ)²), A = diag(p) − ppᵀ.</summary>
    private static DisparityIndex Bgv(double[] p, double[] r, double[] s, double mu, double z)
    {
        var j = p.Length;
        double bgv = 0, quad = 0, trace = 0;
        for (var i = 0; i < j; i++)
        {
            bgv += p[i] * Sq(r[i] - mu);
            quad += s[i] * s[i] * Sq(p[i] * (r[i] - mu)); // (A r)ᵢ = pᵢ(rᵢ − μ)
            for (var k = 0; k < j; k++)
            {
                var a = (i == k ? p[i] : 0) - p[i] * p[k];
                trace += a * a * s[i] * s[i] * s[k] * s[k];
            }
        }
        var se = Math.Sqrt(4 * quad + 2 * trace);
        return WithNormal("bgv", bgv, se, z, "Σ pⱼ(rⱼ − μ)² (between-group variance)", "", floorAtZero: true);
    }

    private static DisparityIndex Theil(double[] p, double[] r, double[] s, double mu, double z)
    {
        const string definition = "Σ pⱼ (rⱼ/μ) ln(rⱼ/μ), 0·ln 0 = 0 (Theil index, unscaled)";
        if (!(mu > 0))
        {
            return Missing("theil", definition, "not estimable: the mean rate is 0");
        }
        if (r.Any(v => v < 0))
        {
            return Missing("theil", definition, "not estimable: a group value is negative");
        }
        double t = 0, centre = 0;
        var anyZero = false;
        for (var i = 0; i < p.Length; i++)
        {
            if (r[i] == 0)
            {
                anyZero |= p[i] > 0;
                continue;
            }
            var q = r[i] / mu;
            t += p[i] * q * Math.Log(q);
            centre += p[i] * q * (1 + Math.Log(q));
        }
        if (anyZero)
        {
            return new DisparityIndex("theil", t, null, null, null, definition, "no interval: a group rate of 0 leaves the delta-method SE undefined");
        }
        var variance = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            variance += p[i] * p[i] * s[i] * s[i] / (mu * mu) * Sq(1 + Math.Log(r[i] / mu) - centre);
        }
        return WithNormal("theil", t, Math.Sqrt(variance), z, definition, "", floorAtZero: true);
    }

    private static DisparityIndex Mld(double[] p, double[] r, double[] s, double mu, double z)
    {
        const string definition = "Σ pⱼ ln(μ/rⱼ) (mean log deviation, unscaled)";
        for (var i = 0; i < p.Length; i++)
        {
            if (r[i] <= 0 && p[i] > 0)
            {
                return Missing("mld", definition, "not estimable: a group rate is 0 (WHO healthequal's 1e-6 substitute is arbitrary)");
            }
        }
        double mld = 0, variance = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == 0)
            {
                continue;
            }
            mld += p[i] * Math.Log(mu / r[i]);
            variance += p[i] * p[i] * s[i] * s[i] / (mu * mu) * Sq(1 - mu / r[i]);
        }
        return WithNormal("mld", mld, Math.Sqrt(variance), z, definition, "", floorAtZero: true);
    }

    /// <summary>PAR = μ − r_ref and PAR% = 100(μ − r_ref)/μ with the most favourable group as reference (HD*Calc; Harper &amp; Lynch).</summary>
    private static IEnumerable<DisparityIndex> PopulationAttributable(double[] r, double mu, DisparityOptions options)
    {
        var best = options.Direction == Direction.HigherIsWorse ? r.Min() : r.Max();
        yield return Point("par", mu - best, "μ − r_best (population attributable risk, HD*Calc sign)");
        yield return mu != 0
            ? Point("par_percent", 100 * (mu - best) / mu, "100·(μ − r_best)/μ (population attributable fraction)")
            : Missing("par_percent", "100·(μ − r_best)/μ", "not estimable: the mean rate is 0");
    }

    private static IEnumerable<DisparityIndex> Ordered(IReadOnlyList<GroupStatistic> groups, double[] p, double[] r, double[] s, double mu, double z, DisparityOptions options)
    {
        var ridit = Ridits(groups, p);
        var j = p.Length;
        foreach (var index in SlopeIndex.Compute(p, ridit, r, s, mu, z, options))
        {
            yield return index;
        }

        const string rciDefinition = "Σ pⱼ(2Rⱼ − 1) rⱼ/μ (relative concentration index, grouped data; Kakwani, Wagstaff & van Doorslaer 1997)";
        var aci = 0.0;
        for (var i = 0; i < j; i++)
        {
            aci += p[i] * (2 * ridit[i] - 1) * r[i];
        }
        var seAci = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(p[i] * (2 * ridit[i] - 1) * s[i])));
        yield return WithNormal("aci", aci, seAci, z, "Σ pⱼ(2Rⱼ − 1) rⱼ = μ·RCI (absolute concentration index)", "delta-method SE with populations fixed");
        if (mu != 0)
        {
            var rci = aci / mu;
            var seRci = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(p[i] * (2 * ridit[i] - 1 - rci) * s[i] / mu)));
            yield return WithNormal("rci", rci, seRci, z, rciDefinition, "delta-method SE with populations fixed (the Ahn et al. 2018 approach); Kakwani et al.'s sample-survey variance is not used");
        }
        else
        {
            yield return Missing("rci", rciDefinition, "not estimable: the mean rate is 0");
        }
    }

    /// <summary>Ridits: cumulative population share before the group's rank plus half its rank's share; tied ranks share a midpoint.</summary>
    internal static double[] Ridits(IReadOnlyList<GroupStatistic> groups, double[] p)
    {
        var ranks = groups.Select(g => g.Order!.Value).Distinct().Order().ToArray();
        var ridit = new double[groups.Count];
        var cumulative = 0.0;
        foreach (var rank in ranks)
        {
            var share = 0.0;
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i].Order == rank)
                {
                    share += p[i];
                }
            }
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i].Order == rank)
                {
                    ridit[i] = cumulative + share / 2;
                }
            }
            cumulative += share;
        }
        return ridit;
    }

    private static DisparityIndex WithNormal(string name, double value, double se, double z, string definition, string note, bool floorAtZero = false)
    {
        var lower = value - z * se;
        if (floorAtZero)
        {
            lower = Math.Max(0, lower); // the measure cannot be negative; a symmetric interval would say it can
        }
        return new DisparityIndex(name, value, lower, value + z * se, se, definition, note);
    }

    private static DisparityIndex Point(string name, double value, string definition) => new(name, value, null, null, null, definition, "");

    private static DisparityIndex Missing(string name, string definition, string note) => new(name, null, null, null, null, definition, note);

    private static double Sq(double x) => x * x;
}
