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
}
