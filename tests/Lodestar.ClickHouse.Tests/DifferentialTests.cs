using System.Globalization;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// Every catalog measure (plus <see cref="RandomPopulation.ExtraMeasures"/>) over a seeded synthetic
/// population, on the embedded engine and on a two-shard cluster: counts, every stratum, population members
/// and care-gap lists must be identical. Size: LODESTAR_DIFFERENTIAL_PATIENTS (default 20,000 to keep CI
/// fast; the figure is 100,000).
/// </summary>
[Collection("clickhouse")]
public sealed class DifferentialTests(ClickHouseServers servers) : IClassFixture<ClickHouseServers>
{
    private static int Size => int.TryParse(Environment.GetEnvironmentVariable("LODESTAR_DIFFERENTIAL_PATIENTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 20_000;

    [Fact]
    public async Task Every_measure_gives_identical_answers_on_both_executors()
    {
        var catalog = MeasureCatalog.Load();
        var workspace = RandomPopulation.Build(Size, seed: 20251121, catalog);
        // ClickHouse has no measure-observation SQL: continuous measures run on the embedded engine only.
        var measures = catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).Concat(RandomPopulation.ExtraMeasures()).ToList();
        Period[] periods = [Period.Year(2024), Period.Year(2025)];

        var embedded = new EvaluationContext(workspace, catalog);
        var expected = Answers.Of(new MeasureEngine(embedded).Evaluate(measures, periods), embedded, new CareGaps(embedded));

        using var cluster = await servers.ConnectAsync();
        await cluster.LoadAsync(workspace.Tables.Values, "differential");
        var remote = await ClickHouseMeasureExecutor.OpenAsync(cluster, catalog);
        var actual = Answers.Of(remote.Engine().Evaluate(measures, periods), remote.Context, remote.CareGaps());

        Assert.Equal(Size, remote.Context.PatientCount);
        Assert.Equal(expected, actual);
        // Not a vacuous comparison: every measure has someone in its numerator.
        Assert.All(measures, m => Assert.DoesNotContain($"{m.Id} 2025 group denominator=0", expected));

        // Split as for a shard of 10,000,000 patients under an 18.16-sized 2 GB limit (up to 10 buckets per statement):
        // the buckets' counts add up to the same answers.
        var sizing = new StatementSizing(10_000_000, 2_000_000_000);
        Assert.True(sizing.Buckets(8) > 1);
        var split = await ClickHouseMeasureExecutor.OpenAsync(cluster, catalog, areas: null, sizing);
        Assert.Equal(expected, Answers.Of(split.Engine().Evaluate(measures, periods), split.Context, split.CareGaps()));
    }
}
