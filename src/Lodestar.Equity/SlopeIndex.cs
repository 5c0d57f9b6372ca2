namespace Lodestar.Equity;

/// <summary>
/// Slope and relative indices of inequality for ordered groups (Low &amp; Low 2004; PHEindicatormethods phe_sii;
/// HD*Calc). The weighted least-squares fit of the group values on their ridits has both fitted ends linear in the
/// values: β₁ = Σ cⱼ yⱼ and β₀ = Σ bⱼ yⱼ, which gives closed-form standard errors and a cheap simulation.
/// With <see cref="DisparityOptions.SiiTransform"/> the fit is on the log (rates) or logit (proportions) scale and
/// the fitted ends are transformed back before differencing (phe_sii transform = TRUE).
/// </summary>
internal static class SlopeIndex
{
    private const string SiiDefinition = "WLS slope of rⱼ on ridit Rⱼ (weights pⱼ; rank 1 = most disadvantaged at R = 0): fitted(1) − fitted(0) (Low & Low 2004; PHE phe_sii)";
    private const string RiiDefinition = "fitted(1)/fitted(0) = (β0 + β1)/β0: least over most disadvantaged (PHE phe_sii)";
    private const string KmiDefinition = "fitted(0)/fitted(1) = β0/(β0 + β1): most over least disadvantaged (Kunst–Mackenbach)";
    private const string HdcalcDefinition = "SII/μ (HD*Calc, Harper & Lynch 2005)";

    public static IEnumerable<DisparityIndex> Compute(double[] p, double[] ridit, double[] r, double[] s, double mu, double z, DisparityOptions options)
    {
        var j = p.Length;
        double rbar = 0, spread = 0;
        for (var i = 0; i < j; i++)
        {
            rbar += p[i] * ridit[i];
        }
        for (var i = 0; i < j; i++)
        {
            spread += p[i] * Sq(ridit[i] - rbar);
        }
        if (!(spread > 0))
        {
            // The same four rows as any other not-estimable fit, so a reader of the file finds every index it expects.
            const string why = "not estimable: all groups share one rank";
            yield return Missing("sii", SiiDefinition, why);
            yield return Missing("rii_phe", RiiDefinition, why);
            yield return Missing("kmi", KmiDefinition, why);
            yield return Missing("rii_hdcalc", HdcalcDefinition, why);
            yield break;
        }
        var c = new double[j];
        var b = new double[j];
        for (var i = 0; i < j; i++)
        {
            c[i] = p[i] * (ridit[i] - rbar) / spread;
            b[i] = p[i] - c[i] * rbar;
        }

        var scale = new Scale(options.SiiTransform ? options.SiiValueType : SiiValueType.Other, options.ProportionScale);
        if (!r.All(scale.Accepts))
        {
            var why = "not estimable: the log (rate) or logit (proportion) fit needs values > 0 (and < 1)";
            yield return Missing("sii", SiiDefinition, why);
            yield return Missing("rii_phe", RiiDefinition, why);
            yield return Missing("kmi", KmiDefinition, why);
            yield return Missing("rii_hdcalc", HdcalcDefinition, why);
            yield break;
        }
        var y = r.Select(scale.Forward).ToArray();
        var st = Enumerable.Range(0, j).Select(i => s[i] * scale.ForwardSlope(r[i])).ToArray(); // SEs on the fit's scale (delta method)
        var f0 = Dot(b, y);
        var f1 = f0 + Dot(c, y);
        var end0 = scale.Back(f0);
        var end1 = scale.Back(f1);
        var sii = end1 - end0;
        double? rii = end0 != 0 ? end1 / end0 : null;

        // Delta method (exact for the untransformed SII): ∂SII/∂yⱼ = h′(f1)(bⱼ + cⱼ) − h′(f0)bⱼ.
        var d0 = scale.Slope(f0);
        var d1 = scale.Slope(f1);
        var seSii = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(st[i] * (d1 * (b[i] + c[i]) - d0 * b[i]))));
        var note = options.SiiInterval == SiiInterval.Simulation
            ? $"simulated interval: {options.Repetitions} repetitions, seed {options.Seed} (PHE phe_sii method)"
            : "analytic interval (delta method from the group SEs; not PHE's simulation)";
        if (scale.Kind != SiiValueType.Other)
        {
            note += scale.Kind == SiiValueType.Rate ? "; fitted on the log scale" : "; fitted on the logit scale";
        }
        double? siiLo, siiHi, riiLo = null, riiHi = null;
        if (options.SiiInterval == SiiInterval.Simulation)
        {
            (siiLo, siiHi, riiLo, riiHi) = Simulate(b, c, r, s, scale, options);
            if (siiLo is null)
            {
                note = "no interval: the simulation's log (rate) or logit (proportion) scale needs values > 0 (and < 1)";
            }
        }
        else
        {
            siiLo = sii - z * seSii;
            siiHi = sii + z * seSii;
            if (rii > 0 && end0 > 0)
            {
                // ∂ln RII/∂yⱼ = k(f1)(bⱼ + cⱼ) − k(f0)bⱼ with k = h′/h (= 1/h on the natural scale).
                var k0 = scale.LogSlope(f0);
                var k1 = scale.LogSlope(f1);
                var seLog = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(st[i] * (k1 * (b[i] + c[i]) - k0 * b[i]))));
                riiLo = rii * Math.Exp(-z * seLog);
                riiHi = rii * Math.Exp(z * seLog);
            }
        }
        yield return new DisparityIndex("sii", sii, siiLo, siiHi, seSii, SiiDefinition, note);
        yield return rii is null
            ? Missing("rii_phe", RiiDefinition, "not estimable: the fitted value at R = 0 is 0")
            : new DisparityIndex("rii_phe", rii, riiLo, riiHi, null, RiiDefinition, note);
        yield return rii is null || rii == 0
            ? Missing("kmi", KmiDefinition, "not estimable: a fitted end is 0")
            : new DisparityIndex("kmi", 1 / rii, riiHi is > 0 ? 1 / riiHi : null, riiLo is > 0 ? 1 / riiLo : null, null, KmiDefinition, "reciprocal of rii_phe and its limits");
        if (mu != 0 && scale.Kind == SiiValueType.Other)
        {
            // RII (HD*Calc) = β1/μ with μ = Σ pⱼ rⱼ: ∂/∂rⱼ = cⱼ/μ − β1 pⱼ/μ².
            var se = Math.Sqrt(Enumerable.Range(0, j).Sum(i => Sq(s[i] * (c[i] / mu - sii * p[i] / (mu * mu)))));
            yield return WithNormal("rii_hdcalc", sii / mu, se, z, HdcalcDefinition);
        }
        else if (mu != 0)
        {
            yield return new DisparityIndex("rii_hdcalc", sii / mu, null, null, null, HdcalcDefinition, "no interval when the SII is fitted on a transformed scale");
        }
        else
        {
            yield return Missing("rii_hdcalc", HdcalcDefinition, "not estimable: the mean rate is 0");
        }
    }

    /// <summary>
    /// PHE phe_sii's Monte Carlo interval: redraw every group's value (normal on the natural, log or logit scale, with
    /// the SE carried to that scale by the delta method, which for Poisson or binomial SEs gives 1/√x or
    /// 1/√(np(1 − p)) exactly), refit, and take the order statistics at round(R·α/2) and round(R·(1 − α/2)).
    /// </summary>
    private static (double? SiiLo, double? SiiHi, double? RiiLo, double? RiiHi) Simulate(double[] b, double[] c, double[] r, double[] s, Scale fit, DisparityOptions options)
    {
        var draw = new Scale(options.SiiValueType, options.ProportionScale);
        if (!r.All(draw.Accepts))
        {
            return (null, null, null, null); // the log or logit of a value does not exist; PHE stops here too
        }
        var reps = Math.Max(1000, options.Repetitions);
        var random = new NormalSource(options.Seed);
        var sii = new double[reps];
        var rii = new double[reps];
        var y = new double[r.Length];
        var centre = r.Select(draw.Forward).ToArray();
        var sd = r.Select((v, i) => s[i] * draw.ForwardSlope(v)).ToArray();
        for (var k = 0; k < reps; k++)
        {
            for (var i = 0; i < r.Length; i++)
            {
                // Draw on the value type's scale; fit on the fit's scale (the same scale when transforming).
                y[i] = fit.Forward(draw.Back(centre[i] + random.Next() * sd[i]));
            }
            var e0 = fit.Back(Dot(b, y));
            var e1 = fit.Back(Dot(b, y) + Dot(c, y));
            sii[k] = e1 - e0;
            rii[k] = e1 / e0;
        }
        Array.Sort(sii);
        Array.Sort(rii);
        var alpha = 1 - options.Confidence;
        var lo = Math.Clamp((int)Math.Round(reps * alpha / 2, MidpointRounding.ToEven) - 1, 0, reps - 1);
        var hi = Math.Clamp((int)Math.Round(reps * (1 - alpha / 2), MidpointRounding.ToEven) - 1, 0, reps - 1);
        double? riiLo = double.IsFinite(rii[lo]) ? rii[lo] : null;
        double? riiHi = double.IsFinite(rii[hi]) ? rii[hi] : null;
        return (sii[lo], sii[hi], riiLo, riiHi);
    }

    private static double Dot(double[] a, double[] v)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * v[i];
        }
        return sum;
    }

    private static DisparityIndex WithNormal(string name, double value, double se, double z, string definition) =>
        new(name, value, value - z * se, value + z * se, se, definition, "");

    private static DisparityIndex Missing(string name, string definition, string note) => new(name, null, null, null, null, definition, note);

    private static double Sq(double x) => x * x;

    /// <summary>
    /// The scale a value is drawn or fitted on: identity, log (rates) or logit of v/M (proportions reported on 0..M),
    /// with the back-transform and the derivatives the delta method needs.
    /// </summary>
    private readonly record struct Scale(SiiValueType Kind, double M)
    {
        public bool Accepts(double v) => Kind switch
        {
            SiiValueType.Rate => v > 0,
            SiiValueType.Proportion => v > 0 && v < M,
            _ => double.IsFinite(v),
        };

        public double Forward(double v) => Kind switch
        {
            SiiValueType.Rate => Math.Log(v),
            SiiValueType.Proportion => Math.Log(v / (M - v)),
            _ => v,
        };

        /// <summary>d Forward/dv, to carry a natural-scale SE to this scale.</summary>
        public double ForwardSlope(double v) => Kind switch
        {
            SiiValueType.Rate => 1 / v,
            SiiValueType.Proportion => M / (v * (M - v)),
            _ => 1,
        };

        public double Back(double f) => Kind switch
        {
            SiiValueType.Rate => Math.Exp(f),
            SiiValueType.Proportion => M / (1 + Math.Exp(-f)),
            _ => f,
        };

        /// <summary>h′(f).</summary>
        public double Slope(double f) => Kind switch
        {
            SiiValueType.Rate => Math.Exp(f),
            SiiValueType.Proportion => Back(f) * (1 - Back(f) / M),
            _ => 1,
        };

        /// <summary>h′(f)/h(f), the derivative of ln h.</summary>
        public double LogSlope(double f) => Kind switch
        {
            SiiValueType.Rate => 1,
            SiiValueType.Proportion => 1 - Back(f) / M,
            _ => 1 / f,
        };
    }
}
