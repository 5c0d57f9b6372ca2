using System.Globalization;
using System.Text.RegularExpressions;
using Lodestar.Diagnostics;

namespace Lodestar.ClickHouse;

/// <summary>
/// A ClickHouse server refused or could not answer; the message names the server and carries the
/// server's own text. A user error (exit code 1): the cluster, not Lodestar, needs attention.
/// </summary>
public sealed partial class ClickHouseException : UserErrorException
{
    public ClickHouseException(Uri server, string message)
        : base($"ClickHouse at {server}: {message}") => Server = server;

    public ClickHouseException(Uri server, string message, Exception inner)
        : base($"ClickHouse at {server}: {message}", inner) => Server = server;

    public ClickHouseException()
    {
        Server = new Uri("http://127.0.0.1:8123");
    }

    public ClickHouseException(string message) : base(message)
    {
        Server = new Uri("http://127.0.0.1:8123");
    }

    public ClickHouseException(string message, Exception inner) : base(message, inner)
    {
        Server = new Uri("http://127.0.0.1:8123");
    }

    public Uri Server { get; }

    /// <summary>The server's error code ("Code: 279, …"), when it answered with one.</summary>
    public int? Code { get; internal init; }

    /// <summary>No HTTP answer at all: connection refused, reset or closed.</summary>
    public bool Unreachable { get; internal init; }

    /// <summary>Zero-based index of the shard a failed read lost, when the error says which.</summary>
    public int? LostShard { get; internal init; }

    /// <summary>An error the server sent back as its response body.</summary>
    internal static ClickHouseException FromServer(Uri server, string body)
    {
        var m = CodePattern().Match(body);
        return new ClickHouseException(server, body)
        {
            Code = m.Success && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null,
        };
    }

    [GeneratedRegex(@"^Code: (\d+)")]
    private static partial Regex CodePattern();
}
