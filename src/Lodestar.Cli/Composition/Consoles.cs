using Spectre.Console;

namespace Lodestar.Cli.Composition;

/// <summary>
/// Spectre consoles over the invocation's writer. Redirected output (files, pipes, tests) gets a wide,
/// plain console, so tables are not wrapped at 80 columns or sprinkled with escape codes.
/// </summary>
internal static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }
        return console;
    }
}
