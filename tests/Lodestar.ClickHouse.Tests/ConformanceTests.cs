using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;
using Lodestar.Measures.Tests;

namespace Lodestar.ClickHouse.Tests;

/// <summary>The corpus, loaded once into a two-shard cluster and once into the embedded engine.</summary>
public sealed class ConformanceCluster : IDisposable
{
    public static readonly MeasureCatalog Catalog = MeasureCatalog.Load();

    public ConformanceCluster()
    {
        Servers = new ClickHouseServers(2);
        try
        {
            var workspace = ConformanceCorpus.Build().Build();
            Embedded = new EvaluationContext(workspace, Catalog);
            Cluster = Servers.ConnectAsync().GetAwaiter().GetResult();
            Cluster.LoadAsync(workspace.Tables.Values, "corpus").GetAwaiter().GetResult();
            Remote = ClickHouseMeasureExecutor.OpenAsync(Cluster, Catalog).GetAwaiter().GetResult();
            // ClickHouse has no measure-observation SQL: continuous measures run on the embedded engine only.
            var measures = Catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
            EmbeddedResults = new MeasureEngine(Embedded).Evaluate(measures, [Period.Year(2025)]).ToDictionary(r => r.Measure.Id);
            RemoteResults = Remote.Engine().Evaluate(measures, [Period.Year(2025)]).ToDictionary(r => r.Measure.Id);
        }
        catch
        {
            // xUnit does not dispose a fixture whose constructor threw: stop the servers here, or they outlive the run.
            Cluster?.Dispose();
            Servers.Dispose();
            throw;
        }
    }

    internal ClickHouseServers Servers { get; }

    internal ClickHouseCluster Cluster { get; }

    internal EvaluationContext Embedded { get; }

    internal ClickHouseMeasureExecutor Remote { get; }

    internal Dictionary<string, MeasureResult> EmbeddedResults { get; }

    internal Dictionary<string, MeasureResult> RemoteResults { get; }

    public void Dispose()
    {
        Cluster.Dispose();
        Servers.Dispose();
    }
}

[Collection("clickhouse")]
public sealed class ConformanceTests(ConformanceCluster corpus) : IClassFixture<ConformanceCluster>
{
    public static TheoryData<string> Cases() => ConformanceCorpus.Ids();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Embedded_engine_puts_each_corpus_patient_in_the_expected_populations(string id)
    {
        var c = ConformanceCorpus.Get(id);
        Assert.Equal(c.Expected, Answers.Membership(corpus.EmbeddedResults[c.Measure], corpus.Embedded, ConformanceCorpus.PatientId(c)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClickHouse_puts_each_corpus_patient_in_the_expected_populations(string id)
    {
        var c = ConformanceCorpus.Get(id);
        Assert.Equal(c.Expected, Answers.Membership(corpus.RemoteResults[c.Measure], corpus.Remote.Context, ConformanceCorpus.PatientId(c)));
    }

    [Fact]
    public void Both_executors_give_the_same_counts_strata_members_and_care_gaps_on_the_corpus()
    {
        var measures = ConformanceCluster.Catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
        var embedded = Answers.Of(measures.Select(m => corpus.EmbeddedResults[m.Id]), corpus.Embedded, new CareGaps(corpus.Embedded));
        var remote = Answers.Of(measures.Select(m => corpus.RemoteResults[m.Id]), corpus.Remote.Context, corpus.Remote.CareGaps());
        Assert.Equal(embedded, remote);
    }

    [Fact]
    public void Statements_are_sized_by_the_servers_memory_limit_and_the_patients_per_shard()
    {
        // scripts/clickhouse/start.sh sets max_memory_usage to 2,000,000,000 unless told otherwise.
        Assert.Equal(new StatementSizing((ConformanceCorpus.All.Count + 1) / 2, 2_000_000_000), corpus.Remote.Sizing);
        Assert.Equal(1, corpus.Remote.Sizing.Buckets(ClickHouseStratumCounter.CostBudget));
    }

    [Fact]
    public void The_corpus_is_spread_over_both_shards()
    {
        var counts = corpus.Cluster.Shards.Select(s => int.Parse(s.QueryAsync("SELECT count() FROM lodestar.patient").GetAwaiter().GetResult().Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(counts, n => Assert.True(n > 0, $"a shard holds no patients: {string.Join(", ", counts)}"));
        Assert.Equal(ConformanceCorpus.All.Count, counts.Sum());
    }
}
