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
        return Core(events, population, standard, options ?? new DsrOptions(), null);
    }

    /// <summary>
    /// Dobson DSR when one person can have several events (PHEindicatormethods calculate_dsr with
    /// <c>independent_events = FALSE</c>): the rate counts every event, but the variance is Σ_f f²·V_f, where V_f is the
    /// Dobson variance of the persons who had exactly f events, and the Byar step uses the total event count.
    /// </summary>
    /// <param name="frequencies">The distinct events-per-person values f (each ≥ 1).</param>
    /// <param name="persons">persons[j][i]: people in band i with exactly frequencies[j] events.</param>
    /// <param name="population">Population per band.</param>
    /// <param name="standard">Standard-population weight per band.</param>
    /// <param name="options">Method must be <see cref="DsrMethod.Dobson"/>: the adjustment is defined for it alone.</param>
    public static DsrResult RateNonIndependent(IReadOnlyList<int> frequencies, IReadOnlyList<IReadOnlyList<long>> persons,
        IReadOnlyList<double> population, IReadOnlyList<double> standard, DsrOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(standard);
        options ??= new DsrOptions { Method = DsrMethod.Dobson };
        if (options.Method != DsrMethod.Dobson)
        {
            throw new ArgumentException("The non-independent-events adjustment is defined for the Dobson method only.", nameof(options));
        }
        if (frequencies.Count != persons.Count || frequencies.Count == 0)
        {
            throw new ArgumentException("persons needs one row per event frequency, and at least one frequency.", nameof(persons));
        }
        var k = population.Count;
        var events = new long[k];
        for (var j = 0; j < frequencies.Count; j++)
        {
            var f = frequencies[j];
            if (f < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(frequencies), $"Event frequency {f}: each person counted has at least one event.");
            }
            if (persons[j].Count != k)
            {
                throw new ArgumentException($"Frequency {f}: needs one person count per band.", nameof(persons));
            }
            for (var i = 0; i < k; i++)
            {
                if (persons[j][i] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(persons), $"Frequency {f}, band {i}: person counts must be >= 0.");
                }
                events[i] += f * persons[j][i];
            }
        }
        return Core(events, population, standard, options, w =>
        {
            // Σ_f f² Σ_i wᵢ² x_{f,i}: each frequency's persons are a Poisson count, and a person with f events adds f to the rate.
            var variance = 0.0;
            for (var j = 0; j < frequencies.Count; j++)
            {
                var part = 0.0;
                for (var i = 0; i < k; i++)
                {
                    part += w[i] * w[i] * persons[j][i];
                }
                variance += (double)frequencies[j] * frequencies[j] * part;
            }
            return variance;
        });
    }

    /// <param name="variance">Null for the Poisson variance Σ wᵢ² xᵢ; otherwise computes it from the rate-scale band weights.</param>
    private static DsrResult Core(IReadOnlyList<long> events, IReadOnlyList<double> population, IReadOnlyList<double> standard, DsrOptions options,
        Func<double[], double>? variance)
    {
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
        double rate = 0, poisson = 0, maxW = 0, meanW = 0, meanW2 = 0;
        var used = 0;
        var weights = new double[k];
        for (var i = 0; i < k; i++)
        {
            if (standard[i] == 0)
            {
                continue;
            }
            var w = weights[i] = standard[i] / weightSum / population[i];
            rate += w * events[i];
            poisson += w * w * events[i];
            maxW = Math.Max(maxW, w);
            meanW += w;
            meanW2 += w * w;
            used++;
        }
        meanW /= used;
        meanW2 /= used;
        var v = variance?.Invoke(weights) ?? poisson;
        var m = options.Multiplier;
        var minimum = options.MinimumEvents ?? (method == DsrMethod.Dobson ? 10 : 0);
        if (total < minimum)
        {
            return new DsrResult(null, null, null, total, people, null, method, $"blanked: total count {total} < {minimum}");
        }
        var note = total < options.UnreliableBelow ? $"unreliable: fewer than {options.UnreliableBelow} events (NCHS)" : "";
        if (variance is not null)
        {
            note = Join(note, "confidence adjusted for non-independent events");
        }
        var se = Math.Sqrt(v);
        double? lower, upper;
        switch (method)
        {
            case DsrMethod.Dobson:
                (lower, upper) = Dobson(rate, v, total, options.Confidence);
                break;
            case DsrMethod.Nchs when total >= 100:
                lower = Math.Max(0, rate - z * se);
                upper = rate + z * se;
                break;
            default:
                (lower, upper) = Gamma(rate, v, method == DsrMethod.Tiwari ? meanW : maxW,
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
