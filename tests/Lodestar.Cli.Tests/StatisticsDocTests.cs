using System.Text.RegularExpressions;
using Lodestar.Testing;

namespace Lodestar.Cli.Tests;

/// <summary>Runs every example in docs/statistics.md and checks it prints exactly the CSV shown (NodaTime's demo tests idea).</summary>
public sealed partial class StatisticsDocTests
{
    [GeneratedRegex(@"```sh\nlodestar (stats [^\n]+)\n```\n\n```csv\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    public static TheoryData<string, string> Examples()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "statistics.md"));
        var data = new TheoryData<string, string>();
        foreach (Match m in Example().Matches(doc))
        {
            data.Add(m.Groups[1].Value, m.Groups[2].Value);
        }
        return data;
    }

    [Fact]
    public void The_document_has_an_example_for_every_subcommand()
    {
        var commands = Examples().Select(row => ((string)row[0]).Split(' ')[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "proportion", "rate", "dsr", "compare", "disparity", "trend" }, commands);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_prints_the_documented_csv(string command, string expected)
    {
        var args = command.Split(' ');
        var dir = Path.Combine(Path.GetTempPath(), "lodestar-doc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var input = Array.IndexOf(args, "--input");
            args[input + 1] = Path.Combine(RepoPaths.Root, args[input + 1]);
            var output = Array.IndexOf(args, "--out");
            args[output + 1] = Path.Combine(dir, args[output + 1]);
            var (code, _, err) = await ExitCodeTests.Run(args);
            Assert.True(code == 0, err);
            Assert.Equal(expected, File.ReadAllText(args[output + 1]));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
