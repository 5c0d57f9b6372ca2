using System.Diagnostics;
using System.Globalization;

namespace Lodestar.ClickHouse.Tests;

/// <summary>The fixture stops clusters whose test process died, and nothing else.</summary>
public sealed class ClickHouseServersTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("reap-").FullName;
    private readonly List<Process> servers = [];

    public void Dispose()
    {
        foreach (var server in servers)
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
            server.Dispose();
        }
        Directory.Delete(temp, recursive: true);
    }

    /// <summary>A cluster directory as start.sh leaves it, with a stand-in server process (sleep) in s0/pid.</summary>
    private (string Directory, Process Server) Cluster(string name, string? owner)
    {
        var directory = Path.Combine(temp, "lodestar-clickhouse." + name);
        Directory.CreateDirectory(Path.Combine(directory, "s0"));
        var server = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        servers.Add(server);
        File.WriteAllText(Path.Combine(directory, "s0", "pid"), server.Id.ToString(CultureInfo.InvariantCulture));
        if (owner is not null)
        {
            File.WriteAllText(Path.Combine(directory, ClickHouseServers.OwnerFile), owner);
        }
        return (directory, server);
    }

    [Fact]
    public void Clusters_of_dead_test_processes_are_stopped_and_removed_and_the_others_left_alone()
    {
        // The owner's pid is alive but started at another time: a reused pid, so the owner is gone.
        var orphan = Cluster("dead", FormattableString.Invariant($"{Environment.ProcessId} 1"));
        var live = Cluster("live", ClickHouseServers.Owner(Environment.ProcessId));
        var developers = Cluster("mine", owner: null);

        ClickHouseServers.ReapOrphans(temp);

        Assert.True(orphan.Server.WaitForExit(TimeSpan.FromSeconds(30)), "the orphan's server was stopped");
        Assert.False(Directory.Exists(orphan.Directory));
        Assert.False(live.Server.HasExited);
        Assert.True(Directory.Exists(live.Directory));
        Assert.False(developers.Server.HasExited);
        Assert.True(Directory.Exists(developers.Directory));
    }

    [Fact]
    public void Another_process_reads_the_same_owner_for_a_process()
    {
        // Test hosts run at once and check each other's clusters: the owner must not depend on who asks.
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        try
        {
            foreach (var pid in new[] { Environment.ProcessId, sleeper.Id })
            {
                // The shell takes field 22 of /proc/PID/stat after the command name's closing parenthesis.
                var shell = new ProcessStartInfo("bash", ["-c", "s=$(cat /proc/$0/stat); s=${s##*) }; set -- $s; echo \"$0 ${20}\"", pid.ToString(CultureInfo.InvariantCulture)])
                {
                    RedirectStandardOutput = true,
                };
                using var asked = Process.Start(shell)!;
                var answer = asked.StandardOutput.ReadToEnd().Trim();
                asked.WaitForExit();
                Assert.Equal(answer, ClickHouseServers.Owner(pid));
            }
            Assert.Equal("", ClickHouseServers.Owner(int.MaxValue));
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
