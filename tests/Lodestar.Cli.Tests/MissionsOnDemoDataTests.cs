using Lodestar.Cli.Commands;
using Lodestar.Cli.Composition;
using Lodestar.Measures.Engine;
using Lodestar.Mission;
using Lodestar.Tables;
using EngineCatalog = Lodestar.Measures.Definitions.MeasureCatalog;

namespace Lodestar.Cli.Tests;

/// <summary>
/// The four shipped missions on demo data: each demo state's synthetic FHIR population (ingested into a workspace)
/// and its synthetic non-clinical inputs. Every measure of every goal must compute; "no data" here means a model
/// names something the demo cannot feed, or a measure that cannot be computed.
/// </summary>
public sealed class MissionsOnDemoDataTests(MissionsOnDemoDataTests.Demos demos) : IClassFixture<MissionsOnDemoDataTests.Demos>
{
    /// <summary>One small demo per state (2,000 people, 2021–2025), shared by the tests of this class.</summary>
    public sealed class Demos : IDisposable
    {
        public Demos()
        {
            Root = Directory.CreateTempSubdirectory("lodestar-mission-demos-").FullName;
            foreach (var state in new[] { "MS", "NM", "MO" })
            {
                Summaries[state] = DemoCommand.Run(new DemoCommand.DemoOptions(state, 2000, 7, Path.Combine(Root, state)), TextWriter.Null, CancellationToken.None);
            }
        }

        public string Root { get; }

        internal Dictionary<string, DemoCommand.DemoSummary> Summaries { get; } = new(StringComparer.Ordinal);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Theory]
    [InlineData("MS", "ummc")]
    [InlineData("NM", "unm-som")]
    [InlineData("NM", "unm-hsc")]
    [InlineData("MO", "wustl-som")]
    public void Every_measure_of_every_goal_computes_on_the_states_demo_data(string state, string mission)
    {
        var demo = Path.Combine(demos.Root, state);
        var catalog = EngineCatalog.Load();
        var engine = new MeasureEngine(new EvaluationContext(Workspace.Open(Path.Combine(demo, "workspace")), catalog, GeographyAreas.Default));
        var output = Path.Combine(demos.Root, "card-" + mission);
        var s = ScorecardRun.Run(mission, Path.Combine(demo, "mission-inputs"), new ClinicalSource(engine, catalog, [2021, 2022, 2023, 2024, 2025], "demo"), output);
        var rows = File.ReadAllLines(Path.Combine(output, "scorecard.csv")).Skip(1).ToArray();
        Assert.Equal(s.Measures, rows.Length);
        var missing = rows.Where(r => r.Contains(",no-data,", StringComparison.Ordinal)).ToArray();
        Assert.True(missing.Length == 0, string.Join("\n", missing));
        Assert.Equal(0, s.NoData);
        // Clinical goals have a series over the five years, so their trend is estimable like the others'.
        Assert.All(rows.Where(r => r.Contains(",clinical:", StringComparison.Ordinal)), r => Assert.DoesNotContain(",NotEstimable,", r, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MS", "University of Mississippi Medical Center")]
    [InlineData("NM", "University of New Mexico Health Sciences Center")]
    [InlineData("MO", "Washington University School of Medicine")]
    public void The_demo_scores_its_states_institution_with_nothing_missing(string state, string institution)
    {
        var card = Assert.IsType<ScorecardSummary>(demos.Summaries[state].Scorecard);
        Assert.Equal(institution, card.Institution);
        Assert.Equal(0, card.NoData);
        Assert.Equal(card.Measures, card.OnTrack + card.AtRisk + card.OffTrack);
    }
}
