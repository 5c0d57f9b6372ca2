using System.Diagnostics;
using System.Globalization;
using Lodestar.ClickHouse;

namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// A real cluster for one test class: scripts/clickhouse/start.sh starts N shards on loopback ports under a
/// temp dir, stop.sh stops them by process id. A missing clickhouse-server fails the tests with the script's
/// message; nothing is skipped. With a password the servers accept only that user (the script's own
/// password mode); without one the tests still pass explicit credentials (user default, empty password) so a
/// developer's LODESTAR_CLICKHOUSE_* variables cannot change what the tests do.
/// </summary>
public sealed class ClickHouseServers : IDisposable
{
    private static readonly string Scripts = Path.Combine(Lodestar.Testing.RepoPaths.Root, "scripts", "clickhouse");

    public ClickHouseServers() : this(2)
    {
    }

    /// <param name="shards">Servers to start.</param>
    /// <param name="password">When set, the servers accept only <paramref name="user"/> with this password.</param>
    /// <param name="user">The one user of a password-protected cluster.</param>
    internal ClickHouseServers(int shards, string? password = null, string user = "lodestar")
    {
        Credentials = password is null ? new ClickHouseCredentials("default", "") : new ClickHouseCredentials(user, password);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ClickHouseCredentials.UserVariable] = password is null ? null : user,
            [ClickHouseCredentials.PasswordVariable] = password,
            [ClickHouseCredentials.PasswordFileVariable] = null,
            // The tests expect the scripts' default per-query memory limit.
            ["LODESTAR_CLICKHOUSE_MAX_MEMORY"] = null,
        };
        ReapOrphans(Path.GetTempPath());
        var (code, output, error) = Run(Path.Combine(Scripts, "start.sh"), shards.ToString(CultureInfo.InvariantCulture), environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/clickhouse/start.sh failed (exit {code}): {error}{output}");
        }
        Directory = output.Trim().Split('\n')[^1].Trim();
        // Written whole, then renamed: another test host must never read half an owner and take it for a dead one.
        Lodestar.IO.AtomicFile.WriteAllText(Path.Combine(Directory, OwnerFile), Owner(Environment.ProcessId));
        Urls = File.ReadAllText(Path.Combine(Directory, "urls")).Trim();
    }

    /// <summary>The file in a cluster's directory naming the test process that started it (see <see cref="Owner"/>).</summary>
    internal const string OwnerFile = "owner";

    /// <summary>
    /// A process's pid and its start time in clock ticks since boot, field 22 of /proc/PID/stat (a reused pid has
    /// another); "" when it is not running. The kernel's own number, so every process reads the same value;
    /// Process.StartTime is derived from the clock and uptime at the moment of asking and differs between processes
    /// by milliseconds, which once made test hosts stop each other's live clusters.
    /// </summary>
    internal static string Owner(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // not running
        }
        // The command name (field 2) is in parentheses and may hold spaces; fields 3 onwards follow the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return $"{pid} {fields[22 - 3]}";
    }

    /// <summary>
    /// Stops the clusters of test processes that died before disposing them (a killed test run leaves its servers
    /// running, holding ports and memory). Only directories with an owner file are touched, so clusters a developer
    /// started with start.sh, and those of live test processes, are left alone.
    /// </summary>
    internal static void ReapOrphans(string temp)
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories(temp, "lodestar-clickhouse.*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            string recorded;
            try
            {
                recorded = File.ReadAllText(owner).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // no owner file (yet): not a test's cluster, or one being started
            }
            if (int.TryParse(recorded.Split(' ')[0], CultureInfo.InvariantCulture, out var pid) && Owner(pid) != recorded)
            {
                Run(Path.Combine(Scripts, "stop.sh"), directory, null);
            }
        }
    }

    public string Directory { get; }

    /// <summary>"http://127.0.0.1:p0,http://127.0.0.1:p1", as --clickhouse takes it.</summary>
    public string Urls { get; }

    internal ClickHouseCredentials Credentials { get; }

    public IReadOnlyList<Uri> Servers => ClickHouseCluster.ParseServers(Urls);

    public int Pid(int shard) => int.Parse(File.ReadAllText(Path.Combine(Directory, $"s{shard}", "pid")).Trim(), CultureInfo.InvariantCulture);

    public Task<ClickHouseCluster> ConnectAsync() => ClickHouseCluster.ConnectAsync(Servers, Credentials);

    /// <summary>
    /// Changes every server's per-query memory limit as a DBA would, in its users.xml, and waits until each server has
    /// reloaded it (servers re-read changed user configs within seconds, without a restart).
    /// </summary>
    public void SetMaxMemory(long bytes)
    {
        var value = bytes.ToString(CultureInfo.InvariantCulture);
        for (var shard = 0; shard < Servers.Count; shard++)
        {
            var users = Path.Combine(Directory, $"s{shard}", "users.xml");
            File.WriteAllText(users, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(users),
                "<max_memory_usage>[0-9]+</max_memory_usage>", $"<max_memory_usage>{value}</max_memory_usage>"));
        }
        // The headers start.sh wrote for its own probes (empty without a password): the credentials' password is internal
        // to Lodestar.ClickHouse, which the projects linking this file cannot see.
        var headers = File.ReadAllLines(Path.Combine(Directory, "curl.headers")).Select(h => h.Split(": ", 2)).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var url in Servers)
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("SELECT value FROM system.settings WHERE name = 'max_memory_usage'") };
                headers.ForEach(h => request.Headers.Add(h[0], h[1]));
                using var response = http.Send(request);
                if (new StreamReader(response.Content.ReadAsStream()).ReadToEnd().Trim() == value)
                {
                    break;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{url} did not reload max_memory_usage = {value} within 60 s");
                }
                Thread.Sleep(250);
            }
        }
    }

    /// <summary>Kills one shard's server (SIGKILL: no clean shutdown) and waits until it is gone.</summary>
    public void Kill(int shard)
    {
        using var server = Process.GetProcessById(Pid(shard));
        server.Kill();
        server.WaitForExit();
    }

    /// <summary>Starts a killed shard again on its own config and data (as start.sh did), records its pid, and waits until it answers.</summary>
    public void Restart(int shard)
    {
        var dir = Path.Combine(Directory, $"s{shard}");
        var executable = File.Exists("/usr/bin/clickhouse-server") ? "/usr/bin/clickhouse-server" : "/usr/sbin/clickhouse-server";
        // exec keeps the pid (the one stop.sh will kill) and sends the server's console to its log, as start.sh does.
        var start = new ProcessStartInfo("bash", ["-c", "exec \"$0\" --config-file=\"$1\" >>\"$2\" 2>&1", executable, Path.Combine(dir, "config.xml"), Path.Combine(dir, "log", "stdout.log")]);
        using var server = Process.Start(start)!;
        File.WriteAllText(Path.Combine(dir, "pid"), server.Id.ToString(CultureInfo.InvariantCulture));
        var url = Servers[shard];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/ping"));
            try
            {
                using var response = http.Send(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"shard {shard} ({url}) did not come back within 60 s");
    }

    public void Dispose() => Run(Path.Combine(Scripts, "stop.sh"), Directory, null);

    private static (int Code, string Output, string Error) Run(string script, string argument, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("bash", [script, argument]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
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
