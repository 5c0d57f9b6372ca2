using System.Text.Json;
using Lodestar.Cli.Commands;
using Lodestar.Equity;
using Lodestar.Measures.Analysis;

namespace Lodestar.Cli.Tests;

/// <summary>
/// synth → ingest → measure → statistics at a size where the planted effects are detectable: every planted
/// effect must lie inside the 95% interval of its estimate, and comparisons with nothing planted must be
/// flagged no more often than the interval level allows.
/// </summary>
public sealed class PlantedEffectTests : IClassFixture<PlantedEffectTests.Run>
{
    public sealed class Run : IDisposable
    {
        public Run()
        {
            Root = Directory.CreateTempSubdirectory("lodestar-planted-").FullName;
            Summary = DemoCommand.Run(new DemoCommand.DemoOptions("MS", 20_000, 11, Path.Combine(Root, "out")), TextWriter.Null, CancellationToken.None);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "out", "fhir", "ground-truth.json")));
            Effects = doc.RootElement.GetProperty("effects").EnumerateArray()
                .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.Clone());
        }

        public string Root { get; }

        internal DemoCommand.DemoSummary Summary { get; }

        public IReadOnlyDictionary<string, JsonElement> Effects { get; }

        public MeasureFigures Measure(string id) => Summary.Figures.Single(f => f.Measure.Id == id);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private readonly Run run;

    public PlantedEffectTests(Run run) => this.run = run;

    /// <summary>Group minus reference for two strata of a stratifier, with its 95% interval (rate-difference SE).</summary>
    private static Comparison Difference(MeasureFigures figures, string stratifier, string group, string reference)
    {
        var strata = figures.Result.Stratifiers.Single(s => s.Id == stratifier).Strata;
        GroupStatistic Stat(string code)
        {
            var c = strata.Single(s => s.Stratum.Code == code).Populations;
            return GroupStatistic.FromProportion(code, c.Numerator, c.ScoringDenominator);
        }
        var compared = GroupComparison.Compare([Stat(reference), Stat(group)],
            new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = reference });
        return compared.Single(c => c.Group == group);
    }

    [Fact]
    public void Blood_pressure_control_8_points_lower_for_Black_patients_is_recovered()
    {
        var planted = run.Effects["bp-control-black"].GetProperty("difference").GetDouble();
        var d = Difference(run.Measure("cms165-controlling-high-blood-pressure"), "race-ethnicity", "nh-2054-5", "nh-2106-3");
        Assert.InRange(planted, d.DifferenceLower!.Value, d.DifferenceUpper!.Value);
        Assert.True(d.DifferenceUpper < 0, $"the gap should be detectable at this size: {d.Difference:F3} ({d.DifferenceLower:F3}, {d.DifferenceUpper:F3})");
    }

    [Fact]
    public void Mammography_12_points_lower_in_rural_counties_is_recovered()
    {
        var planted = run.Effects["mammography-rural"].GetProperty("difference").GetDouble();
        var d = Difference(run.Measure("cms125-breast-cancer-screening"), "rurality", "nonmetro", "metro");
        Assert.InRange(planted, d.DifferenceLower!.Value, d.DifferenceUpper!.Value);
        Assert.True(d.DifferenceUpper < 0);
    }

    [Fact]
    public void Uninsured_three_times_as_likely_in_Hinds_County_is_recovered()
    {
        // The generator's realised ratio (Hinds vs the rest of the state) is the truth to recover here: the
        // planted ×3 acts on a county baseline the pipeline cannot see, so it is checked through the realised ratio.
        var effect = run.Effects["uninsured-named-counties"].GetProperty("realised");
        var truth = effect.GetProperty("group").GetProperty("rate").GetDouble() / effect.GetProperty("reference").GetProperty("rate").GetDouble();
        var (hinds, rest) = UninsuredByCounty("28049");
        var compared = GroupComparison.Compare([rest, hinds], new ComparisonOptions { Reference = ReferenceChoice.Named, ReferenceGroup = "rest" })
            .Single(c => c.Group == "28049");
        Assert.InRange(truth, compared.RatioLower!.Value, compared.RatioUpper!.Value);
        Assert.True(compared.RatioLower > 2, $"ratio {compared.Ratio:F2} ({compared.RatioLower:F2}, {compared.RatioUpper:F2})");
    }

    /// <summary>Uninsured on December 31 of the last year among living patients, one county against the rest, from the workspace.</summary>
    private (GroupStatistic County, GroupStatistic Others) UninsuredByCounty(string fips)
    {
        var workspace = Lodestar.Tables.Workspace.Open(Path.Combine(run.Root, "out", "workspace"));
        var catalog = Lodestar.Measures.Definitions.MeasureCatalog.Load();
        var context = new Lodestar.Measures.Engine.EvaluationContext(workspace, catalog);
        var period = Lodestar.Measures.Definitions.Period.Year(2025);
        var payer = Lodestar.Measures.Engine.Stratifiers.Compute("payer", context, period);
        var alive = new Lodestar.Measures.Engine.CriterionEvaluator(context)
            .Evaluate(new Lodestar.Measures.Definitions.DeceasedCriterion(Lodestar.Measures.Definitions.DateAnchor.PeriodEnd), period, new Dictionary<string, Lodestar.Measures.Engine.PatientSet>())
            .Not();
        var county = workspace["patient"].Get<Lodestar.Tables.StringColumn>("county_fips");
        long inCounty = 0, inCountyUninsured = 0, rest = 0, restUninsured = 0;
        alive.ForEach(p =>
        {
            var uninsured = payer.Strata[payer.StratumOf[p]].Code == Lodestar.Measures.Definitions.PayerTypes.Uninsured;
            if (county[p] == fips)
            {
                inCounty++;
                inCountyUninsured += uninsured ? 1 : 0;
            }
            else
            {
                rest++;
                restUninsured += uninsured ? 1 : 0;
            }
        });
        return (GroupStatistic.FromProportion(fips, inCountyUninsured, inCounty), GroupStatistic.FromProportion("rest", restUninsured, rest));
    }

    [Fact]
    public void Comparisons_with_nothing_planted_are_flagged_no_more_often_than_five_percent_allows()
    {
        // Nothing is planted by sex or age band, and the outcomes of these measures share one baseline for
        // everyone in the generator (src/Lodestar.Synth/README.md), so each comparison below is a null
        // comparison; at p < 0.05 about 5% are flagged by chance. Stratifiers that carry a planted effect by
        // correlation (race, county, rurality, payer) are left out, and so are utilisation measures, whose
        // rates the generator makes depend on age on purpose.
        string[] sharedBaseline =
        [
            "cms165-controlling-high-blood-pressure", "cms122-diabetes-hba1c-poor-control",
            "cms125-breast-cancer-screening", "cms130-colorectal-cancer-screening", "cms124-cervical-cancer-screening",
        ];
        var flagged = 0;
        var tested = 0;
        foreach (var figures in run.Summary.Figures.Where(f => sharedBaseline.Contains(f.Measure.Id)))
        {
            foreach (var stratifier in figures.Stratifiers.Where(s => s.Id is "sex" or "age"))
            {
                foreach (var c in stratifier.Strata.Select(s => s.VersusReference).OfType<Comparison>().Where(c => c.Class != AhrqClass.Reference && c.DifferenceP is not null))
                {
                    tested++;
                    flagged += c.DifferenceP < 0.05 ? 1 : 0;
                }
            }
        }
        Assert.True(tested >= 8, $"only {tested} null comparisons");
        // Binomial(tested, 0.05): P(X > 3 + 0.05·tested·2) < 1% for the sizes here.
        Assert.True(flagged <= 3 + tested / 10, $"{flagged} of {tested} null comparisons were significant at p < 0.05");
    }
}
