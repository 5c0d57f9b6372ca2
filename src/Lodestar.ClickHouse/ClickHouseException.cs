using Lodestar.Diagnostics;

namespace Lodestar.ClickHouse;

/// <summary>
/// A ClickHouse server refused or could not answer; the message names the server and carries the
/// server's own text. A user error (exit code 1): the cluster, not Lodestar, needs attention.
/// </summary>
public sealed class ClickHouseException : UserErrorException
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
}
