using Lodestar.Tables;

namespace Lodestar.ClickHouse;

/// <summary>
/// The shards of a Lodestar cluster, one HTTP address each (<c>--clickhouse http://a:8123,http://b:8123</c>,
/// in the order of the cluster's remote_servers). Every shard is checked on connect, so a shard that is down
/// is named before any work starts; queries go through the first shard's Distributed tables; loading writes
/// to each shard's local tables directly. Never uses skip_unavailable_shards: a partial answer is an error.
/// </summary>
public sealed class ClickHouseCluster : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;

    /// <summary>Native (TCP) addresses the entry shard uses for each shard, from its system.clusters: "host:port" → shard index.</summary>
    private readonly IReadOnlyDictionary<string, int> nativeAddresses;

    private ClickHouseCluster(HttpClient http, bool ownsHttp, IReadOnlyList<ClickHouseClient> shards, ServerCapabilities capabilities, IReadOnlyDictionary<string, int> nativeAddresses)
    {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.nativeAddresses = nativeAddresses;
        Shards = shards;
        Capabilities = capabilities;
    }

    /// <summary>The clock retries wait on; tests may replace it.</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    internal IReadOnlyList<ClickHouseClient> Shards { get; }

    internal ServerCapabilities Capabilities { get; }

    internal ClickHouseClient Entry => Shards[0];

    public IReadOnlyList<Uri> Servers => Shards.Select(s => s.Server).ToList();

    private static string Redact(string address) => System.Text.RegularExpressions.Regex.Replace(address, "//[^/@]*@", "//…@");

    /// <summary>Parses "http://a:8123,http://b:8123".</summary>
    public static IReadOnlyList<Uri> ParseServers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new Diagnostics.UserErrorException($"--clickhouse: '{Redact(part)}' is not an http(s) address such as http://127.0.0.1:8123");
            }
            if (uri.UserInfo.Length > 0)
            {
                // Addresses are printed in reports and messages; a password in one would leak there.
                throw new Diagnostics.UserErrorException(
                    $"--clickhouse: '{Redact(part)}' carries a user or password; set {ClickHouseCredentials.UserVariable} and {ClickHouseCredentials.PasswordVariable} (or {ClickHouseCredentials.PasswordFileVariable}) instead");
            }
            list.Add(uri);
        }
        return list.Count > 0 ? list : throw new Diagnostics.UserErrorException("--clickhouse: give at least one server address");
    }

    /// <summary>
    /// Connects to every shard (each must answer) with the given credentials, or those of the environment
    /// (<see cref="ClickHouseCredentials.FromEnvironment"/>) when none are given.
    /// </summary>
    public static async Task<ClickHouseCluster> ConnectAsync(IReadOnlyList<Uri> servers, ClickHouseCredentials? credentials = null, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        credentials ??= ClickHouseCredentials.FromEnvironment();
        var own = http is null;
        http ??= new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var shards = servers.Select(s => new ClickHouseClient(http, s, credentials)).ToList();
        var versions = new List<string>();
        var native = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var shard in shards)
            {
                versions.Add((await shard.QueryAsync("SELECT version()", null, cancellationToken).ConfigureAwait(false)).Trim());
            }
            var clusters = await shards[0].QueryAsync(
                $"SELECT shard_num, host_name, host_address, port FROM system.clusters WHERE cluster = {SqlLiteral.String(ClusterName)} FORMAT TabSeparated",
                null, cancellationToken).ConfigureAwait(false);
            foreach (var line in clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split('\t');
                var shard = int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture) - 1;
                native.TryAdd($"{f[1]}:{f[3]}", shard);
                native.TryAdd($"{f[2]}:{f[3]}", shard);
            }
        }
        catch
        {
            if (own)
            {
                http.Dispose();
            }
            throw;
        }
        // The oldest server decides what SQL every shard must understand.
        var capabilities = versions.Select(ServerCapabilities.Parse).MinBy(c => c.Version)!;
        return new ClickHouseCluster(http, own, shards, capabilities, native);
    }

    /// <summary>The cluster name in every server's remote_servers.</summary>
    internal const string ClusterName = "lodestar";

    /// <summary>
    /// A measure read on <paramref name="shard"/> under <see cref="ReadRetryPolicy"/>: lost connections are
    /// tried again after a pause; anything else, or the last failure, becomes an error naming the shard lost.
    /// </summary>
    internal async Task<byte[]> ReadAsync(ClickHouseClient shard, string sql, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await shard.QueryBytesAsync(sql, settings, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException e) when (ReadRetryPolicy.IsRetried(e) && attempt < ReadRetryPolicy.Attempts)
            {
                await Task.Delay(ReadRetryPolicy.Backoff(attempt), Time, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException e)
            {
                throw Explain(e, attempt);
            }
        }
    }

    /// <summary>Adds which shard was lost (by its --clickhouse address) and the retry policy to a failed read's message.</summary>
    internal ClickHouseException Explain(ClickHouseException e, int attempts)
    {
        var named = e.Unreachable ? IndexOf(e.Server) : ShardNamedIn(e.Message);
        var lost = ReadRetryPolicy.IsRetried(e) ? named : null;
        var text = new System.Text.StringBuilder(e.Message.Replace($"ClickHouse at {e.Server}: ", "", StringComparison.Ordinal));
        if (named is { } i)
        {
            text.Append(lost is null
                ? $"\nThe error came from shard {i + 1} of {Shards.Count} ({Shards[i].Server})."
                : $"\nShard {i + 1} of {Shards.Count} ({Shards[i].Server}) is unreachable{(e.Unreachable ? "" : " from the entry shard")}.");
        }
        text.Append(ReadRetryPolicy.IsRetried(e)
            ? $"\nGave up after {attempts} attempt{(attempts == 1 ? "" : "s")} ({ReadRetryPolicy.Describe()}). No result was produced."
            : $"\nNot retried: not a lost connection ({ReadRetryPolicy.Describe()}). No result was produced.");
        return new ClickHouseException(e.Server, text.ToString(), e) { Code = e.Code, Unreachable = e.Unreachable, LostShard = lost };
    }

    private int? IndexOf(Uri server)
    {
        for (var i = 0; i < Shards.Count; i++)
        {
            if (Shards[i].Server == server)
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>The shard whose native address the entry's error text names (e.g. "Connection refused (127.0.0.1:9001)").</summary>
    private int? ShardNamedIn(string message)
    {
        foreach (var (address, shard) in nativeAddresses)
        {
            var at = message.IndexOf(address, StringComparison.OrdinalIgnoreCase);
            // Not a prefix of a longer port ("…:9001" inside "…:90011").
            if (at >= 0 && shard < Shards.Count
                && (at == 0 || !(char.IsAsciiLetterOrDigit(message[at - 1]) || message[at - 1] is '.' or '-'))
                && (at + address.Length == message.Length || !char.IsAsciiDigit(message[at + address.Length])))
            {
                return shard;
            }
        }
        return null;
    }

    /// <summary>Loads workspace tables as one batch; loading the same batch id again replaces it (see <see cref="WorkspaceLoader"/>).</summary>
    public Task LoadAsync(IEnumerable<Table> tables, string batch, CancellationToken cancellationToken = default) =>
        new WorkspaceLoader(this).LoadAsync(tables, batch, cancellationToken);

    /// <summary>
    /// Loads a workspace folder as one batch, reading its tables one at a time (client memory is bounded by
    /// the largest table); loading the same batch id again replaces it.
    /// </summary>
    /// <returns>Rows loaded per table.</returns>
    public Task<IReadOnlyDictionary<string, long>> LoadWorkspaceAsync(string path, string batch, CancellationToken cancellationToken = default) =>
        new WorkspaceLoader(this).LoadAsync(WorkspaceLoader.ReadWorkspace(path), batch, cancellationToken);

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }
}
