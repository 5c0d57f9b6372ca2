using Lodestar.Measures.Definitions;

namespace Lodestar.ClickHouse.Tests;

/// <summary>The counting statements of a measure, as golden files next to this test: a diff explains a change.</summary>
public sealed class StratumCountSqlTests
{
    private static readonly StoreSchema Schema = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["patient"] = new Dictionary<string, string>
        {
            ["gender"] = "Nullable(String)", ["race_omb"] = "Array(String)", ["ethnicity_omb"] = "Array(String)",
            ["preferred_language"] = "Nullable(String)", ["county_fips"] = "Nullable(String)",
        },
        ["encounter"] = new Dictionary<string, string>(),
        ["observation"] = new Dictionary<string, string>(),
        ["coverage"] = new Dictionary<string, string> { ["payer_type"] = "Nullable(String)" },
    });

    private static readonly Dictionary<string, IReadOnlyList<string>> PayerValues = new(StringComparer.Ordinal)
    {
        ["medicare"] = ["1", "medicare"],
        ["self_pay_uninsured"] = ["81", "uninsured"],
    };

    [Theory]
    [InlineData("cms165-controlling-high-blood-pressure")]
    [InlineData("readmission-30-day")]
    public void A_measure_counts_in_the_golden_statements(string id)
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        var measure = catalog.Get(id);
        var period = Period.Year(2025);
        var text = $"-- counts\n{statements.Count(measure, period, measure.Stratifiers)}\n" +
            string.Concat(statements.Events(measure, period, measure.Stratifiers).Select(e => $"\n-- events of {e.Population}\n{e.Statement}\n"));
        var golden = Path.Combine(Lodestar.Testing.RepoPaths.Root, "tests", "Lodestar.ClickHouse.Tests", "Golden", id + ".counts.sql");
        if (Environment.GetEnvironmentVariable("LODESTAR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, text);
        }
        Assert.Equal(File.ReadAllText(golden), text);
    }

    [Fact]
    public void A_ratio_measure_counts_the_events_of_each_event_population()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        var events = statements.Events(catalog.Get("readmission-30-day"), Period.Year(2025), ["sex"]);
        Assert.Equal(["denominator", "numerator"], events.Select(e => e.Population));
        Assert.All(events, e => Assert.Contains("ANY INNER JOIN", e.Statement, StringComparison.Ordinal));
    }

    [Fact]
    public void A_patient_based_measure_counts_no_events()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        Assert.Empty(statements.Events(catalog.Get("cms165-controlling-high-blood-pressure"), Period.Year(2025), ["sex"]));
    }

    [Fact]
    public void Without_an_encounter_table_there_are_no_events_to_count()
    {
        var schema = new StoreSchema(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["patient"] = new Dictionary<string, string>() });
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, schema, PayerValues), schema, PayerValues);
        var events = statements.Events(catalog.Get("readmission-30-day"), Period.Year(2025), ["payer"]);
        Assert.All(events, e => Assert.Null(e.Statement));
    }
}
