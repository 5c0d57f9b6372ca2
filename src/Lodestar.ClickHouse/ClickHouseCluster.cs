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

    private ClickHouseCluster(HttpClient http, bool ownsHttp, IReadOnlyList<ClickHouseClient> shards, ServerCapabilities capabilities)
    {
        this.http = http;
        this.ownsHttp = ownsHttp;
        Shards = shards;
        Capabilities = capabilities;
    }

    internal IReadOnlyList<ClickHouseClient> Shards { get; }

    internal ServerCapabilities Capabilities { get; }

    internal ClickHouseClient Entry => Shards[0];

    public IReadOnlyList<Uri> Servers => Shards.Select(s => s.Server).ToList();

    /// <summary>Parses "http://a:8123,http://b:8123".</summary>
    public static IReadOnlyList<Uri> ParseServers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new Diagnostics.UserErrorException($"--clickhouse: '{part}' is not an http(s) address such as http://127.0.0.1:8123");
            }
            list.Add(uri);
        }
        return list.Count > 0 ? list : throw new Diagnostics.UserErrorException("--clickhouse: give at least one server address");
    }

    public static async Task<ClickHouseCluster> ConnectAsync(IReadOnlyList<Uri> servers, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var own = http is null;
        http ??= new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var shards = servers.Select(s => new ClickHouseClient(http, s)).ToList();
        var versions = new List<string>();
        try
        {
            foreach (var shard in shards)
            {
                versions.Add((await shard.QueryAsync("SELECT version()", null, cancellationToken).ConfigureAwait(false)).Trim());
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
        return new ClickHouseCluster(http, own, shards, capabilities);
    }

    /// <summary>Loads workspace tables as one batch; loading the same batch id again replaces it (see <see cref="WorkspaceLoader"/>).</summary>
    public Task LoadAsync(IEnumerable<Table> tables, string batch, CancellationToken cancellationToken = default) =>
        new WorkspaceLoader(this).LoadAsync(tables, batch, cancellationToken);

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }
}
