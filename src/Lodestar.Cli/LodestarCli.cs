using System.CommandLine;
using Lodestar.Cli.Commands;
using Lodestar.Diagnostics;

namespace Lodestar.Cli;

/// <summary>
/// The composition root: builds the verb tree and maps failures to exit codes in one place.
/// 0 = success, 1 = user error (one line, no stack trace), 2 = internal error.
/// </summary>
public static class LodestarCli
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Lodestar measures how well an academic health center fulfils its mission, " +
            "with health equity built into every number.\n\nStart with: lodestar demo");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (UserErrorException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return UserError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled; earlier results were left as they were.").ConfigureAwait(false);
            return UserError;
        }
#pragma warning disable CA1031 // The outermost handler must turn every unexpected failure into exit code 2.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"internal error (please report it): {e}").ConfigureAwait(false);
            return InternalError;
        }
    }
}
