using System.Net.Http.Headers;
using System.Text;

namespace Lodestar.ClickHouse;

/// <summary>
/// One ClickHouse server over its HTTP interface (no .NET ClickHouse client restores here). Statements go in
/// the POST body; errors come back as the server's text with the server named. Query parameters
/// (<c>param_x</c>) are sent only when the server supports them (<see cref="ServerCapabilities"/>).
/// Credentials, when given, travel as the <c>X-ClickHouse-User</c>/<c>X-ClickHouse-Key</c> headers of each
/// request, never in the URL (which servers and proxies log).
/// </summary>
internal sealed class ClickHouseClient(HttpClient http, Uri server, ClickHouseCredentials? credentials = null)
{
    public Uri Server { get; } = server;

    public async Task<string> QueryAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(sql, Encoding.UTF8);
        return await SendAsync(Url(null, settings), content, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> QueryBytesAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(sql, Encoding.UTF8);
        using var response = await PostAsync(Url(null, settings), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ClickHouseException.FromServer(Server, (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim());
        }
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken = default) => QueryAsync(sql, null, cancellationToken);

    /// <summary>Bulk insert: the statement goes in the URL, RowBinary rows (unambiguous, no escaping) in the body.</summary>
    public async Task InsertRowBinaryAsync(string table, IReadOnlyList<string> columns, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken = default)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) FORMAT RowBinary";
        using var content = new ReadOnlyMemoryContent(rows);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await SendAsync(Url(sql, null), content, cancellationToken).ConfigureAwait(false);
    }

    private Uri Url(string? query, IReadOnlyDictionary<string, string>? settings)
    {
        var sb = new StringBuilder(Server.ToString().TrimEnd('/')).Append("/?");
        if (query is not null)
        {
            sb.Append("query=").Append(Uri.EscapeDataString(query)).Append('&');
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            sb.Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v)).Append('&');
        }
        return new Uri(sb.ToString().TrimEnd('&', '?'));
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (credentials is not null)
        {
            request.Headers.Add("X-ClickHouse-User", credentials.User);
            request.Headers.Add("X-ClickHouse-Key", credentials.Password);
        }
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException(Server, $"server unreachable ({e.Message})", e) { Unreachable = true };
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException(Server, "timed out", e);
        }
    }

    private async Task<string> SendAsync(Uri url, HttpContent content, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ClickHouseException.FromServer(Server, body.Trim());
            }
            return body;
        }
    }
}
