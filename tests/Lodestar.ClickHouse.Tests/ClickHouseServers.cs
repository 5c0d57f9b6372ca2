using System.Diagnostics;
using Lodestar.ClickHouse;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// A real cluster for one test class: scripts/clickhouse/start.sh starts N shards on loopback ports under a
/// temp dir, stop.sh stops them by process id. A missing clickhouse-server fails the tests with the script's
/// message; nothing is skipped.
/// </summary>
public sealed class ClickHouseServers : IDisposable
{
    private static readonly string Scripts = Path.Combine(Lodestar.Testing.RepoPaths.Root, "scripts", "clickhouse");

    public ClickHouseServers() : this(2)
    {
    }

    internal ClickHouseServers(int shards)
    {
        var (code, output, error) = Run(Path.Combine(Scripts, "start.sh"), shards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/clickhouse/start.sh failed (exit {code}): {error}{output}");
        }
        Directory = output.Trim().Split('\n')[^1].Trim();
        Urls = File.ReadAllText(Path.Combine(Directory, "urls")).Trim();
    }

    public string Directory { get; }

    /// <summary>"http://127.0.0.1:p0,http://127.0.0.1:p1", as --clickhouse takes it.</summary>
    public string Urls { get; }

    public IReadOnlyList<Uri> Servers => ClickHouseCluster.ParseServers(Urls);

    public int Pid(int shard) => int.Parse(File.ReadAllText(Path.Combine(Directory, $"s{shard}", "pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public Task<ClickHouseCluster> ConnectAsync() => ClickHouseCluster.ConnectAsync(Servers);

    public void Dispose() => Run(Path.Combine(Scripts, "stop.sh"), Directory);

    private static (int Code, string Output, string Error) Run(string script, string argument)
    {
        var start = new ProcessStartInfo("bash", [script, argument]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(true);
            throw new TimeoutException($"{script} did not finish in 2 minutes");
        }
        return (p.ExitCode, output.Result, error.Result);
    }
}
