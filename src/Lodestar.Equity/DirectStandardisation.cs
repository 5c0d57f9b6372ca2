namespace Lodestar.Equity;

/// <summary>
/// Direct age standardisation: DSR = Σ wᵢ xᵢ/nᵢ with wᵢ = Sᵢ/ΣS over the bands given; V = Σ wᵢ² xᵢ/nᵢ².
/// Intervals: Fay &amp; Feuer 1997 (Stat Med 16:791), Tiwari, Clegg &amp; Zou 2006 (Stat Methods Med Res 15:547),
/// Dobson et al. 1991 (Stat Med 10:457) as in PHEindicatormethods, and the NCHS normal/gamma rule.
/// </summary>
public static class DirectStandardisation
{
    /// <param name="events">Events per age band (≥ 0).</param>
    /// <param name="population">Population or person-time per band.</param>
    /// <param name="standard">Standard-population weight per band (any scale; re-normalised over these bands).</param>
    public static DsrResult Rate(IReadOnlyList<long> events, IReadOnlyList<double> population, IReadOnlyList<double> standard, DsrOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(standard);
        options ??= new DsrOptions();
        var k = events.Count;
        if (population.Count != k || standard.Count != k || k == 0)
        {
            throw new ArgumentException("events, population and standard need one entry per band, and at least one band.");
        }
        var z = Proportions.Z(options.Confidence);
        long total = 0;
        double people = 0, weightSum = 0;
        for (var i = 0; i < k; i++)
        {
            if (events[i] < 0 || !(population[i] >= 0) || !(standard[i] >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(events), $"Band {i}: counts, populations and weights must be >= 0.");
            }
            total += events[i];
            people += population[i];
            weightSum += standard[i];
        }
        var method = options.Method;
        for (var i = 0; i < k; i++)
        {
            if (population[i] == 0 && standard[i] > 0)
            {
                return new DsrResult(null, null, null, total, people, null, method, $"not estimable: age band {i + 1} has no population");
            }
        }
        if (!(weightSum > 0))
        {
            throw new ArgumentException("The standard weights of these bands sum to 0.", nameof(standard));
        }

        // Per-band weights on the rate scale: w_k = (S_k/ΣS)/n_k (Fay & Feuer's notation).
        double rate = 0, variance = 0, maxW = 0, meanW = 0, meanW2 = 0;
        var used = 0;
        for (var i = 0; i < k; i++)
        {
            if (standard[i] == 0)
            {
                continue;
            }
            var w = standard[i] / weightSum / population[i];
            rate += w * events[i];
            variance += w * w * events[i];
            maxW = Math.Max(maxW, w);
            meanW += w;
            meanW2 += w * w;
            used++;
        }
        meanW /= used;
        meanW2 /= used;
        var m = options.Multiplier;
        var minimum = options.MinimumEvents ?? (method == DsrMethod.Dobson ? 10 : 0);
        if (total < minimum)
        {
            return new DsrResult(null, null, null, total, people, null, method, $"blanked: total count {total} < {minimum}");
        }
        var note = total < options.UnreliableBelow ? $"unreliable: fewer than {options.UnreliableBelow} events (NCHS)" : "";
        var se = Math.Sqrt(variance);
        double? lower, upper;
        switch (method)
        {
            case DsrMethod.Dobson:
                (lower, upper) = Dobson(rate, variance, total, options.Confidence);
                break;
            case DsrMethod.Nchs when total >= 100:
                lower = Math.Max(0, rate - z * se);
                upper = rate + z * se;
                break;
            default:
                (lower, upper) = Gamma(rate, variance, method == DsrMethod.Tiwari ? meanW : maxW,
                    method == DsrMethod.Tiwari ? meanW2 : maxW * maxW, options.Confidence);
                break;
        }
        if (method == DsrMethod.Dobson && total == 0)
        {
            note = Join(note, "Dobson limits need at least one event; upper limit left blank");
        }
        return new DsrResult(rate * m, lower * m, upper * m, total, people, se * m, method, note);
    }

    /// <summary>
    /// Gamma limits: L = G⁻¹(α/2; R²/V, V/R) (0 when R = 0); U = G⁻¹(1 − α/2; (R + w)²/(V + w₂), (V + w₂)/(R + w)), with
    /// w = max wₖ and w₂ = w² for Fay–Feuer, and w = mean wₖ, w₂ = mean wₖ² for Tiwari et al. (as in M. P. Fay's
    /// asht::wspoissonTest, wmtype "tcz").
    /// </summary>
    private static (double? Lower, double? Upper) Gamma(double rate, double variance, double w, double w2, double confidence)
    {
        var alpha = 1 - confidence;
        var lower = rate == 0 || variance == 0 ? 0 : Quantiles.Gamma(rate * rate / variance, alpha / 2) * (variance / rate);
        var shape = (rate + w) * (rate + w) / (variance + w2);
        var scale = (variance + w2) / (rate + w);
        var upper = Quantiles.Gamma(shape, 1 - alpha / 2) * scale;
        return (lower, upper);
    }

    /// <summary>Dobson: limit = DSR + √(V/O)·(O_limit − O); O's limits are Byar from 10 events, exact below.</summary>
    private static (double? Lower, double? Upper) Dobson(double rate, double variance, long observed, double confidence)
    {
        if (observed == 0)
        {
            return (0, null);
        }
        var (lo, hi, _) = PoissonLimits.Auto(observed, confidence);
        var factor = Math.Sqrt(variance / observed);
        return (rate + factor * (lo - observed), rate + factor * (hi - observed));
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;
}
