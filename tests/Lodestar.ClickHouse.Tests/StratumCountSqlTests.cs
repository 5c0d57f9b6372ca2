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
        var statement = statements.Count(measure, period, measure.Stratifiers);
        var text = $"-- counts; events of: {string.Join(", ", statement.EventPopulations[0])}\n{statement.Sql}\n";
        var golden = Path.Combine(Lodestar.Testing.RepoPaths.Root, "tests", "Lodestar.ClickHouse.Tests", "Golden", id + ".counts.sql");
        if (Environment.GetEnvironmentVariable("LODESTAR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, text);
        }
        Assert.Equal(File.ReadAllText(golden), text);
    }

    [Fact]
    public void A_bucket_filters_the_patient_table_and_every_scan_of_an_event_table()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        // The CBP measure scans encounters and observations; readmissions add a self-join of stays.
        var measures = new[] { "cms165-controlling-high-blood-pressure", "readmission-30-day" }
            .Select(id => (catalog.Get(id), (IReadOnlyList<string>)["sex"])).ToList();
        var whole = statements.Count(measures, Period.Year(2025));
        var part = statements.Count(measures, Period.Year(2025), new PatientBucket(2, 5));
        var predicate = "ifNull(sipHash64(patient_key) % 5, 0) = 2";
        Assert.DoesNotContain("sipHash64", whole.Sql, StringComparison.Ordinal);
        // Every read of a shard's local table (not the Distributed patient_all) is filtered, and so is the patient table.
        var localScans = System.Text.RegularExpressions.Regex.Count(whole.Sql, @"FROM lodestar\.(?!patient_all\b)\w+");
        Assert.True(localScans >= 3, whole.Sql);
        Assert.Equal(localScans + 1, part.Sql.Split(predicate).Length - 1);
        Assert.EndsWith($" WHERE {predicate} GROUP BY lodestar_d, lodestar_k", part.Sql, StringComparison.Ordinal);
        Assert.Equal((whole.Width, whole.Cost), (part.Width, part.Cost));
    }

    [Theory]
    [InlineData(1_000_000, 2_000_000_000, 16, 1)]   // measured to fit
    [InlineData(1_000_000, 2_000_000_000, 32, 2)]   // measured to fail whole
    [InlineData(5_000_000, 2_000_000_000, 16, 5)]   // 10M patients on 2 shards, measured to fail whole
    [InlineData(5_000_000, 8_000_000_000, 16, 2)]
    [InlineData(50_000, 2_000_000_000, 16, 1)]
    [InlineData(5_000_000, 0, 16, 1)]               // max_memory_usage 0: no limit
    public void A_statement_is_split_into_as_many_buckets_as_its_memory_needs(long patientsPerShard, long maxMemory, int cost, int buckets) =>
        Assert.Equal(buckets, new StatementSizing(patientsPerShard, maxMemory).Buckets(cost));

    [Fact]
    public void Bucket_rows_add_up_per_key_and_keys_only_some_buckets_have_are_kept()
    {
        var rows = ClickHouseStratumCounter.AddUp([
            [["sex", "female", "10", "7"], ["sex", "male", "3", "1"]],
            [],
            [["sex", "male", "4", "4"], ["age", "40", "2", "0"]],
        ]);
        Assert.Equal([["sex", "female", "10", "7"], ["sex", "male", "7", "5"], ["age", "40", "2", "0"]], rows);
    }

    [Fact]
    public void A_ratio_measure_counts_the_events_of_each_event_population()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        var statement = statements.Count(catalog.Get("readmission-30-day"), Period.Year(2025), ["sex"]);
        Assert.Equal(["denominator", "numerator"], Assert.Single(statement.EventPopulations));
        Assert.Equal(2 + StratumCountSql.Flags.Length + 2, statement.Width);
        Assert.Contains("sum(if(lodestar_den, ", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("sum(if(lodestar_num, ", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Criteria_over_one_table_share_one_scan_and_the_patient_table_is_joined_once()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        var sql = statements.Count(catalog.Get("cms165-controlling-high-blood-pressure"), Period.Year(2025), ["payer"]).Sql;
        Assert.DoesNotContain(" IN (SELECT", sql, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(sql, "ANY LEFT JOIN"));
        // The encounter, observation and coverage tables are each read once (payer classes share the coverage scan).
        Assert.Equal(1, Occurrences(sql, "FROM lodestar.encounter "));
        Assert.Equal(1, Occurrences(sql, "FROM lodestar.observation "));
        Assert.Equal(1, Occurrences(sql, "FROM lodestar.coverage "));
    }

    [Fact]
    public void A_criterion_used_by_two_populations_is_one_column()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        var encounter = new EncounterCriterion(null, ["AMB"], Window.MeasurementPeriod, 1);
        var measure = catalog.Get("cms165-controlling-high-blood-pressure") with
        {
            Populations = new Dictionary<string, Criterion>(StringComparer.Ordinal)
            {
                ["initial-population"] = encounter,
                ["numerator"] = new AllOf([encounter, new PopulationRef("denominator")]),
            },
        };
        var sql = statements.Count(measure, Period.Year(2025), []).Sql;
        Assert.Contains("lodestar_c0", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("lodestar_c1", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_counted_together_share_the_scans_and_each_has_its_own_flags_and_events()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        var period = Period.Year(2025);
        var bp = catalog.Get("cms165-controlling-high-blood-pressure");
        var readmission = catalog.Get("readmission-30-day");
        var together = statements.Count([(bp, ["sex"]), (readmission, ["payer"])], period);
        var alone = new[] { statements.Count(bp, period, ["sex"]), statements.Count(readmission, period, ["payer"]) };

        Assert.Equal(2, together.EventPopulations.Count);
        Assert.Empty(together.EventPopulations[0]);
        Assert.Equal(["denominator", "numerator"], together.EventPopulations[1]);
        Assert.Equal(2 + 5 + 5 + 2, together.Width);
        Assert.Contains("AS lodestar_num_m0", together.Sql, StringComparison.Ordinal);
        Assert.Contains("AS lodestar_num_m1", together.Sql, StringComparison.Ordinal);
        Assert.Contains("sum(if(lodestar_den_m1, ", together.Sql, StringComparison.Ordinal);
        // Keys of both measures' stratifiers; the encounter table (both read it) is scanned once, not once per measure.
        Assert.Contains("('sex', ", together.Sql, StringComparison.Ordinal);
        Assert.Contains("('payer', ", together.Sql, StringComparison.Ordinal);
        const string EncounterScan = "FROM lodestar.encounter WHERE patient_key IS NOT NULL AND ((";
        Assert.Equal(1, Occurrences(together.Sql, EncounterScan));
        Assert.Equal(2, alone.Sum(a => Occurrences(a.Sql, EncounterScan)));
        // A criterion two measures use is one column: the same measure twice adds flags, not columns.
        Assert.Equal(alone[0].Cost, statements.Count([(bp, ["sex"]), (bp, ["sex"])], period).Cost);
    }

    [Fact]
    public void The_same_latest_reading_tested_against_two_thresholds_is_two_columns()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        ObservationCriterion Latest(Comparator op, double value) =>
            new("hba1c-laboratory-test", Window.MeasurementPeriod, ObservationPick.Latest, new ValueComparison(op, value, null), null, null);
        var measure = catalog.Get("cms165-controlling-high-blood-pressure") with
        {
            Populations = new Dictionary<string, Criterion>(StringComparer.Ordinal)
            {
                ["initial-population"] = Latest(Comparator.Greater, 9),
                ["numerator"] = Latest(Comparator.Less, 8),
            },
        };
        var sql = statements.Count(measure, Period.Year(2025), []).Sql;
        Assert.Contains("> 9, 0)", sql, StringComparison.Ordinal);
        Assert.Contains("< 8, 0)", sql, StringComparison.Ordinal);
        Assert.Contains("AS lodestar_c1", sql, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    [Fact]
    public void A_patient_based_measure_counts_no_events()
    {
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, Schema, PayerValues), Schema, PayerValues);
        Assert.Empty(statements.Count(catalog.Get("cms165-controlling-high-blood-pressure"), Period.Year(2025), ["sex"]).EventPopulations[0]);
    }

    [Fact]
    public void Without_an_encounter_table_there_are_no_events_to_count()
    {
        var schema = new StoreSchema(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["patient"] = new Dictionary<string, string>() });
        var catalog = MeasureCatalog.Load();
        var statements = new StratumCountSql(new CriterionSql(catalog, schema, PayerValues), schema, PayerValues);
        var statement = statements.Count(catalog.Get("readmission-30-day"), Period.Year(2025), ["payer"]);
        Assert.Equal(["denominator", "numerator"], Assert.Single(statement.EventPopulations));
        Assert.DoesNotContain("JOIN", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("ifNull(sum(if(lodestar_den, 0, 0)), 0)", statement.Sql, StringComparison.Ordinal);
    }
}
