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
        double rbar = 0;
        for (var i = 0; i < j; i++)
        {
            rbar += p[i] * ridit[i];
        }
        double spread = 0;
        for (var i = 0; i < j; i++)
        {
            spread += p[i] * Sq(ridit[i] - rbar);
        }
        const string siiDefinition = "WLS slope of rⱼ on ridit Rⱼ (weights pⱼ; rank 1 = most disadvantaged at R = 0): fitted(1) − fitted(0) (Low & Low 2004; PHE phe_sii)";
        if (!(spread > 0))
        {
            yield return Missing("sii", siiDefinition, "not estimable: all groups share one rank");
            yield break;
        }

        // β1 = Σ cⱼ rⱼ and β0 = Σ bⱼ rⱼ: both fitted ends are linear in the group values.
        var c = new double[j];
        var b = new double[j];
        for (var i = 0; i < j; i++)
        {
            c[i] = p[i] * (ridit[i] - rbar) / spread;
            b[i] = p[i] - c[i] * rbar;
        }
        var beta1 = Dot(c, r);
        var beta0 = Dot(b, r);
        var note = options.SiiInterval == SiiInterval.Simulation
            ? $"simulated interval: {options.Repetitions} repetitions, seed {options.Seed} (PHE phe_sii method)"
            : "analytic interval (WLS SE from the group SEs; not PHE's simulation)";
        double? siiLo, siiHi, riiLo = null, riiHi = null;
        var seSii = Math.Sqrt(Enumerable.Range(0, j).Sum(i => c[i] * c[i] * s[i] * s[i]));
        var fitted1 = beta0 + beta1;
        var rii = beta0 != 0 ? fitted1 / beta0 : (double?)null;
        if (options.SiiInterval == SiiInterval.Simulation)
        {
            (siiLo, siiHi, riiLo, riiHi) = Simulate(b, c, r, s, options);
            if (siiLo is null)
            {
                note = "no interval: the simulation's log (rate) or logit (proportion) scale needs values > 0 (and < 1)";
            }
        }
        else
        {
            siiLo = beta1 - z * seSii;
            siiHi = beta1 + z * seSii;
            if (rii > 0 && fitted1 > 0)
            {
                // Delta method for f1/f0 on the log scale: ∂ln(RII)/∂rⱼ = aⱼ/f1 − bⱼ/f0 with aⱼ = bⱼ + cⱼ.
                var seLog = Math.Sqrt(Enumerable.Range(0, j).Sum(i => s[i] * s[i] * Sq((b[i] + c[i]) / fitted1 - b[i] / beta0)));
                riiLo = rii * Math.Exp(-z * seLog);
                riiHi = rii * Math.Exp(z * seLog);
            }
        }
        yield return new DisparityIndex("sii", beta1, siiLo, siiHi, seSii, siiDefinition, note);
        yield return rii is null
            ? Missing("rii_phe", "(β0 + β1)/β0: fitted least over fitted most disadvantaged (PHE phe_sii)", "not estimable: the fitted value at R = 0 is 0")
            : new DisparityIndex("rii_phe", rii, riiLo, riiHi, null, "(β0 + β1)/β0: fitted least over fitted most disadvantaged (PHE phe_sii)", note);
        yield return rii is null || rii == 0
            ? Missing("kmi", "β0/(β0 + β1): fitted most over fitted least disadvantaged (Kunst–Mackenbach)", "not estimable: a fitted end is 0")
            : new DisparityIndex("kmi", 1 / rii, riiHi is > 0 ? 1 / riiHi : null, riiLo is > 0 ? 1 / riiLo : null, null,
                "β0/(β0 + β1): fitted most over fitted least disadvantaged (Kunst–Mackenbach)", "reciprocal of rii_phe and its limits");
        if (mu != 0)
        {
            // RII (HD*Calc) = β1/μ; ∂/∂rⱼ = cⱼ/μ − β1 pⱼ/μ².
            var se = Math.Sqrt(Enumerable.Range(0, j).Sum(i => s[i] * s[i] * Sq(c[i] / mu - beta1 * p[i] / (mu * mu))));
            yield return WithNormal("rii_hdcalc", beta1 / mu, se, z, "SII/μ (HD*Calc, Harper & Lynch 2005)", "");
        }
        else
        {
            yield return Missing("rii_hdcalc", "SII/μ (HD*Calc, Harper & Lynch 2005)", "not estimable: the mean rate is 0");
        }

        const string rciDefinition = "Σ pⱼ(2Rⱼ − 1) rⱼ/μ (relative concentration index, grouped data; Kakwani, Wagstaff & van Doorslaer 1997)";
        var aci = 0.0;
        for (var i = 0; i < j; i++)
        {
            aci += p[i] * (2 * ridit[i] - 1) * r[i];
        }
        var seAci = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(p[i] * (2 * ridit[i] - 1) * s[i])));
        yield return WithNormal("aci", aci, seAci, z, "Σ pⱼ(2Rⱼ − 1) rⱼ = μ·RCI (absolute concentration index)", "");
        if (mu != 0)
        {
            var rci = aci / mu;
            var seRci = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(p[i] * (2 * ridit[i] - 1 - rci) * s[i] / mu)));
            yield return WithNormal("rci", rci, seRci, z, rciDefinition, "delta-method SE (Ahn et al. 2018), populations fixed");
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

    /// <summary>
    /// PHE phe_sii's Monte Carlo interval: redraw every group's value (normal on the natural, log or logit scale),
    /// refit, and take the order statistics at round(R·α/2) and round(R·(1 − α/2)).
    /// </summary>
    private static (double? SiiLo, double? SiiHi, double? RiiLo, double? RiiHi) Simulate(double[] b, double[] c, double[] r, double[] s, DisparityOptions options)
    {
        var reps = Math.Max(1000, options.Repetitions);
        for (var i = 0; i < r.Length; i++)
        {
            var valid = options.SiiValueType switch
            {
                SiiValueType.Rate => r[i] > 0,
                SiiValueType.Proportion => r[i] is > 0 and < 1,
                _ => true,
            };
            if (!valid)
            {
                // The log or logit of this value does not exist; PHE stops here too.
                return (null, null, null, null);
            }
        }
        var random = new NormalSource(options.Seed);
        var sii = new double[reps];
        var rii = new double[reps];
        var y = new double[r.Length];
        for (var k = 0; k < reps; k++)
        {
            for (var i = 0; i < r.Length; i++)
            {
                var e = random.Next() * s[i];
                y[i] = options.SiiValueType switch
                {
                    SiiValueType.Rate => Math.Exp(Math.Log(r[i]) + e),
                    SiiValueType.Proportion => 1 / (1 + Math.Exp(-(Math.Log(r[i] / (1 - r[i])) + e))),
                    _ => r[i] + e,
                };
            }
            var b1 = Dot(c, y);
            var b0 = Dot(b, y);
            sii[k] = b1;
            rii[k] = (b0 + b1) / b0;
        }
        Array.Sort(sii);
        Array.Sort(rii);
        var alpha = 1 - options.Confidence;
        var lo = (int)Math.Round(reps * alpha / 2, MidpointRounding.ToEven) - 1;
        var hi = (int)Math.Round(reps * (1 - alpha / 2), MidpointRounding.ToEven) - 1;
        lo = Math.Clamp(lo, 0, reps - 1);
        hi = Math.Clamp(hi, 0, reps - 1);
        double? riiLo = double.IsFinite(rii[lo]) ? rii[lo] : null;
        double? riiHi = double.IsFinite(rii[hi]) ? rii[hi] : null;
        return (sii[lo], sii[hi], riiLo, riiHi);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
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
