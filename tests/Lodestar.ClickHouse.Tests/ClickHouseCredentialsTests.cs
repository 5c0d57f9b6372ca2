using Lodestar.Diagnostics;
using Lodestar.Measures.Definitions;
using Lodestar.Measures.Engine;

namespace Lodestar.ClickHouse.Tests;

/// <summary>Credentials come from the environment, travel as headers, and never show up in text Lodestar prints.</summary>
[Collection("clickhouse")]
public sealed class ClickHouseCredentialsTests
{
    private const string Secret = "s3cr&t<pa ss\"word";

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void No_variables_means_no_credentials()
    {
        Assert.Null(ClickHouseCredentials.FromEnvironment(Env()));
        // Empty counts as unset (an exported but blank variable).
        Assert.Null(ClickHouseCredentials.FromEnvironment(Env((ClickHouseCredentials.UserVariable, ""), (ClickHouseCredentials.PasswordVariable, ""))));
    }

    [Fact]
    public void User_and_password_come_from_their_variables_and_a_password_alone_means_user_default()
    {
        var both = ClickHouseCredentials.FromEnvironment(Env((ClickHouseCredentials.UserVariable, "lodestar"), (ClickHouseCredentials.PasswordVariable, Secret)))!;
        Assert.Equal("lodestar", both.User);
        Assert.Equal(Secret, both.Password);
        var alone = ClickHouseCredentials.FromEnvironment(Env((ClickHouseCredentials.PasswordVariable, Secret)))!;
        Assert.Equal("default", alone.User);
    }

    [Fact]
    public void A_password_file_gives_its_first_line_and_cannot_be_combined_with_a_password()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Secret + "\nignored second line\n");
            var fromFile = ClickHouseCredentials.FromEnvironment(Env((ClickHouseCredentials.UserVariable, "lodestar"), (ClickHouseCredentials.PasswordFileVariable, file)))!;
            Assert.Equal(Secret, fromFile.Password);
            var both = Assert.Throws<UserErrorException>(() => ClickHouseCredentials.FromEnvironment(Env((ClickHouseCredentials.PasswordVariable, "x"), (ClickHouseCredentials.PasswordFileVariable, file))));
            Assert.Contains(ClickHouseCredentials.PasswordFileVariable, both.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
        var missing = Assert.Throws<UserErrorException>(() => ClickHouseCredentials.FromEnvironment(Env((ClickHouseCredentials.PasswordFileVariable, file))));
        Assert.Contains($"cannot read '{file}'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_credentials_never_shows_the_password()
    {
        Assert.Equal("user 'lodestar' (password set)", new ClickHouseCredentials("lodestar", Secret).ToString());
        Assert.Equal("user 'default' (password empty)", new ClickHouseCredentials("default", "").ToString());
        Assert.Throws<UserErrorException>(() => new ClickHouseCredentials("lodestar", "two\nlines"));
    }

    [Fact]
    public void An_address_carrying_a_password_is_refused_without_repeating_it()
    {
        var error = Assert.Throws<UserErrorException>(() => ClickHouseCluster.ParseServers("http://127.0.0.1:8123,http://lodestar:hunter2@127.0.0.1:8124"));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://…@127.0.0.1:8124", error.Message, StringComparison.Ordinal);
        Assert.Contains(ClickHouseCredentials.PasswordVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_protected_cluster_loads_and_answers_with_credentials_and_refuses_without()
    {
        using var servers = new ClickHouseServers(2, Secret);
        var credentials = new ClickHouseCredentials("lodestar", Secret);

        // Without credentials, or with a wrong password: refused, and the error never echoes a password.
        var anonymous = await Assert.ThrowsAsync<ClickHouseException>(() => ClickHouseCluster.ConnectAsync(servers.Servers, new ClickHouseCredentials("default", "")));
        Assert.Equal(servers.Servers[0], anonymous.Server);
        Assert.Equal(194, anonymous.Code); // REQUIRED_PASSWORD: "default" has a random password in the script's password mode
        var wrong = await Assert.ThrowsAsync<ClickHouseException>(() => ClickHouseCluster.ConnectAsync(servers.Servers, new ClickHouseCredentials("lodestar", "not-" + Secret)));
        Assert.Equal(193, wrong.Code);
        Assert.DoesNotContain(Secret, wrong.Message, StringComparison.Ordinal);

        // With them: loading, the Distributed reads (shards authenticate to each other) and the answers all work.
        using var cluster = await ClickHouseCluster.ConnectAsync(servers.Servers, credentials);
        var workspace = ConformanceCorpus.Build().Build();
        await cluster.LoadAsync(workspace.Tables.Values, "b1");
        var catalog = MeasureCatalog.Load();
        var remote = await ClickHouseMeasureExecutor.OpenAsync(cluster, catalog);
        var embedded = new EvaluationContext(workspace, catalog);
        // ClickHouse has no measure-observation SQL: continuous measures run on the embedded engine only.
        var measures = catalog.Measures.Where(m => m.Scoring != Scoring.Continuous).ToList();
        Assert.Equal(
            Answers.Of(new MeasureEngine(embedded).Evaluate(measures, [Period.Year(2025)]), embedded, new CareGaps(embedded)),
            Answers.Of(remote.Engine().Evaluate(measures, [Period.Year(2025)]), remote.Context, remote.CareGaps()));
        Assert.Equal(ConformanceCorpus.All.Count, remote.Context.PatientCount);
    }

    [Fact]
    public async Task Credentials_travel_in_headers_and_never_in_the_address()
    {
        using var servers = new ClickHouseServers(1, Secret);
        var credentials = new ClickHouseCredentials("lodestar", Secret);
        using var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        using var cluster = await ClickHouseCluster.ConnectAsync(servers.Servers, credentials, http);
        await cluster.Entry.QueryAsync("SELECT 1");

        Assert.NotEmpty(recorder.Requests);
        Assert.All(recorder.Requests, r =>
        {
            Assert.DoesNotContain(Uri.EscapeDataString(Secret), r.Uri, StringComparison.Ordinal);
            Assert.DoesNotContain("lodestar", r.Uri, StringComparison.Ordinal);
            Assert.Equal(["lodestar"], r.Headers["X-ClickHouse-User"]);
            Assert.Equal([Secret], r.Headers["X-ClickHouse-Key"]);
            Assert.False(r.Headers.ContainsKey("Authorization"));
        });
    }

    /// <summary>Passes requests to the real server and keeps what was sent (the I/O edge, not a fake server).</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        public List<(string Uri, Dictionary<string, string[]> Headers)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.RequestUri!.ToString(), request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase)));
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
