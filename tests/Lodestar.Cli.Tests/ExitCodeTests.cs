namespace Lodestar.Cli.Tests;

public sealed class ExitCodeTests
{
    internal static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LodestarCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Unknown_verb_is_a_user_error()
    {
        var (code, _, err) = await Run("no-such-verb");
        Assert.Equal(LodestarCli.UserError, code);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task Every_verb_has_help_with_an_example()
    {
        foreach (var command in LodestarCli.BuildRoot().Subcommands)
        {
            Assert.Contains("Example", command.Description, StringComparison.Ordinal);
            var (code, output, _) = await Run(command.Name, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_demo_prints_where_its_files_are_after_the_swap_not_the_staging_folder()
    {
        var root = Directory.CreateTempSubdirectory("lodestar-demo-paths-").FullName;
        try
        {
            var output = Path.Combine(root, "out");
            var (code, stdout, stderr) = await Run("demo", "--people", "400", "--out", output);
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("staging", stdout, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(output, "scorecard", "scorecard.html"), stdout.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "scorecard", "scorecard.html")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
