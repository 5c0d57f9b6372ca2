using Lodestar.Measures.Definitions;

namespace Lodestar.ClickHouse.Tests;

/// <summary>The generated SQL of the catalog, as golden files next to this test: a diff explains a change.</summary>
public sealed class CriterionSqlTests
{
    private static readonly StoreSchema Schema = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["patient"] = new Dictionary<string, string> { ["deceased"] = "Nullable(UInt8)" },
        ["encounter"] = new Dictionary<string, string>(),
        ["condition"] = new Dictionary<string, string> { ["verification_status"] = "Nullable(String)" },
        ["observation"] = new Dictionary<string, string>(),
        ["procedure"] = new Dictionary<string, string> { ["status"] = "Nullable(String)" },
        ["coverage"] = new Dictionary<string, string>(),
    });

    /// <summary>The cluster's distinct payer values by class, as the executor reads them at open.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> NoPayers = new(StringComparer.Ordinal);

    [Theory]
    [InlineData("cms165-controlling-high-blood-pressure")]
    [InlineData("cms122-diabetes-hba1c-poor-control")]
    public void Catalog_measures_compile_to_the_golden_SQL(string id)
    {
        var catalog = MeasureCatalog.Load();
        var sql = new CriterionSql(catalog, Schema, NoPayers);
        var measure = catalog.Get(id);
        var text = string.Join("\n\n", measure.Populations
            .Where(p => !ClickHouseEvaluator.References(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"-- {p.Key}\n{sql.Select(p.Value, Period.Year(2025))}")) + "\n";
        var golden = Path.Combine(Lodestar.Testing.RepoPaths.Root, "tests", "Lodestar.ClickHouse.Tests", "Golden", id + ".sql");
        if (Environment.GetEnvironmentVariable("LODESTAR_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, text);
        }
        Assert.Equal(File.ReadAllText(golden), text);
    }

    [Fact]
    public void A_population_reference_is_left_to_the_executor()
    {
        var sql = new CriterionSql(MeasureCatalog.Load(), Schema, NoPayers);
        Assert.Throws<InvalidOperationException>(() => sql.Predicate(new PopulationRef(PopulationCodes.InitialPopulation), Period.Year(2025)));
    }

    [Fact]
    public void A_missing_table_means_nobody()
    {
        var sql = new CriterionSql(MeasureCatalog.Load(), Schema, NoPayers);
        Assert.Equal("0", sql.Predicate(new ImmunizationCriterion("mammography", Window.MeasurementPeriod, 1), Period.Year(2025)));
    }

    [Fact]
    public void A_coverage_criterion_matches_the_cluster_values_that_classify_into_its_payer_types()
    {
        var payers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [PayerTypes.Medicare] = ["1", "medicare"],
            [PayerTypes.Uninsured] = ["81", "uninsured"],
        };
        var sql = new CriterionSql(MeasureCatalog.Load(), Schema, payers);
        var uninsured = sql.Predicate(new CoverageCriterion([PayerTypes.Uninsured], DateAnchor.PeriodEnd), Period.Year(2025));
        Assert.Contains("payer_type IN ('81', 'uninsured')", uninsured, StringComparison.Ordinal);
        Assert.Equal("0", sql.Predicate(new CoverageCriterion([PayerTypes.Private], DateAnchor.PeriodEnd), Period.Year(2025)));
    }
}
