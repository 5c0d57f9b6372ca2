using Lodestar.Geography;
using Lodestar.Mission.Inputs;
using Lodestar.Mission.Measures;
using Lodestar.Mission.Model;
using Lodestar.Mission.Synth;

namespace Lodestar.Mission.Tests;

/// <summary>
/// The effects MissionSynth plants (ground-truth.json) are recovered by the measures meant to find them: the
/// estimate's 95% interval contains the planted value, at the generator's own sizes, seed fixed. Learner
/// representation and rural origin are checked in ScorecardRunTests.
/// </summary>
public sealed class MissionSynthTests(MissionSynthTests.Inputs inputs) : IClassFixture<MissionSynthTests.Inputs>
{
    /// <summary>
    /// The docs' example seed. One seed is one draw: each 95% interval below misses its planted value about one time in
    /// twenty seeds (seed 20261122 puts MS's diabetes-trial ratio 2.9 standard errors above 0.6; across seeds 1–6 it
    /// averages 0.59), so a failure here after a generator change is worth a look at several seeds, not a new seed.
    /// </summary>
    private const ulong Seed = 1;

    /// <summary>One synthetic input folder per demo state, read once for the class.</summary>
    public sealed class Inputs : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("lodestar-mission-synth-").FullName;
        private readonly Dictionary<string, MissionInputs> read = new(StringComparer.Ordinal);

        internal MissionInputs For(string state)
        {
            lock (read)
            {
                if (!read.TryGetValue(state, out var inputs))
                {
                    var folder = Path.Combine(root, state);
                    MissionSynth.Write(state, Seed, folder);
                    read[state] = inputs = InputReader.Read(folder, null);
                }
                return inputs;
            }
        }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }

    private static PlantedEffect Effect(string state, string id) => MissionSynth.Effects(state).Single(e => e.Id == id);

    private static string Focus(string state) => state == "NM" ? "aian" : "black";

    private MeasureResult Compute(string state, string measure, params (string Key, string Value)[] parameters) =>
        new MissionMeasures(inputs.For(state), CountyRegistry.Default.GetState(state), ClinicalResults.None).Compute(new MeasureTarget(measure,
            parameters.ToDictionary(p => p.Key, p => p.Value), null, null, 0, 2030, GoalDirection.HigherIsBetter, "test", null));

    [Theory]
    [InlineData("MS")]
    [InlineData("NM")]
    [InlineData("MO")]
    public void Faculty_representation_of_the_focus_group_is_recovered_in_the_latest_year(string state)
    {
        var planted = Effect(state, "faculty-representation").Expected;
        var r = Compute(state, "workforce-representation", ("role", "faculty"), ("group", Focus(state)));
        var latest = r.Latest!;
        Assert.Equal(2025, latest.Year);
        Assert.InRange(planted, latest.Lower, latest.Upper);
        // Detectable: the interval excludes parity (index 1).
        Assert.True(latest.Upper < 1, $"{state}: upper bound {latest.Upper}");
    }

    [Theory]
    [InlineData("MS")]
    [InlineData("NM")]
    [InlineData("MO")]
    public void Diabetes_trial_participation_to_prevalence_ratio_of_the_focus_group_is_recovered(string state)
    {
        var planted = Effect(state, "trial-ppr").Expected;
        var r = Compute(state, "trial-ppr", ("condition", "diabetes"), ("group", Focus(state)));
        // Every enrolment year is drawn the same way, so the years pool into one estimate at the generator's full size
        // (a single year's interval misses the planted value one time in twenty by design).
        var pooledX = r.Series.Sum(v => v.Numerator!.Value);
        var pooledN = r.Series.Sum(v => v.Denominator!.Value);
        // The index is (x / n) ÷ prevalence share, so the share the measure divided by is (x / n) ÷ index.
        var prevalenceShare = r.Series[^1].Numerator!.Value / r.Series[^1].Denominator!.Value / r.Series[^1].Value;
        var pooled = Lodestar.Equity.Proportions.Wilson(pooledX, (long)pooledN);
        Assert.InRange(planted, pooled.Lower / prevalenceShare, pooled.Upper / prevalenceShare);
        Assert.True(pooled.Upper / prevalenceShare < 1, $"{state}: pooled upper bound {pooled.Upper / prevalenceShare}");
    }

    [Theory]
    [InlineData("MS")]
    [InlineData("NM")]
    [InlineData("MO")]
    public void Rural_telehealth_reach_is_twice_the_urban_rate(string state)
    {
        var planted = Effect(state, "rural-telehealth").Expected;
        var rural = Compute(state, "outreach-reach", ("activity", "telehealth"), ("area", "rural")).Series;
        var urban = Compute(state, "outreach-reach", ("activity", "telehealth"), ("area", "urban")).Series;
        Assert.Equal(rural.Select(v => v.Year), urban.Select(v => v.Year));
        // Every year is drawn the same way, so the years pool: people reached ÷ person-years, rural over urban. Rate ratio
        // with the log (Katz) interval of two Poisson counts: exp(ln RR ± 1.96 √(1/a + 1/b)).
        long a = rural.Sum(v => v.Numerator!.Value), b = urban.Sum(v => v.Numerator!.Value);
        var ratio = a / rural.Sum(v => v.Denominator!.Value) / (b / urban.Sum(v => v.Denominator!.Value));
        var se = Math.Sqrt(1.0 / a + 1.0 / b);
        Assert.InRange(planted, ratio * Math.Exp(-1.96 * se), ratio * Math.Exp(1.96 * se));
        Assert.True(ratio * Math.Exp(-1.96 * se) > 1, $"{state}: rate ratio {ratio} not distinguishable from 1");
    }

    [Theory]
    [InlineData("MS")]
    [InlineData("NM")]
    [InlineData("MO")]
    public void In_state_retention_of_MD_graduates_rises_one_and_a_half_points_a_year(string state)
    {
        var planted = Effect(state, "retention-trend").Expected;
        var series = Compute(state, "graduates-in-state", ("program", "md")).Series;
        Assert.True(series.Count >= 8, $"{series.Count} graduation years");
        // Weighted least squares of the yearly share on the year, weights n / p(1 − p) (binomial variances):
        // slope = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)², Var(slope) = 1 / Σw(x − x̄)².
        var w = series.Select(v => v.Denominator!.Value / (v.Value * (1 - v.Value))).ToArray();
        var x = series.Select(v => (double)v.Year).ToArray();
        var y = series.Select(v => v.Value).ToArray();
        double xBar = w.Zip(x, (a, b) => a * b).Sum() / w.Sum(), yBar = w.Zip(y, (a, b) => a * b).Sum() / w.Sum();
        var sxx = Enumerable.Range(0, x.Length).Sum(i => w[i] * (x[i] - xBar) * (x[i] - xBar));
        var slope = Enumerable.Range(0, x.Length).Sum(i => w[i] * (x[i] - xBar) * (y[i] - yBar)) / sxx;
        var se = Math.Sqrt(1 / sxx);
        Assert.InRange(planted, slope - 1.96 * se, slope + 1.96 * se);
        Assert.True(slope - 1.96 * se > 0, $"{state}: slope {slope:F4} ± {1.96 * se:F4} is not distinguishable from flat");
        // "from 50% in 2016": graduates from metropolitan home counties (no rural-home bonus) in 2016.
        var registry = CountyRegistry.Default;
        var urban2016 = inputs.For(state).Learners.Where(l => l.Program == "md" && l.GraduationYear == 2016 && l.PracticeState is not null
            && !registry.GetCounty(l.HomeCounty!).IsRural).ToArray();
        var share = Lodestar.Equity.Proportions.Wilson(urban2016.Count(l => l.PracticeState == state), urban2016.Length);
        Assert.InRange(0.5, share.Lower, share.Upper);
    }
}
