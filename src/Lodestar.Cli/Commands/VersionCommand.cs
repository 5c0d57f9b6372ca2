using System.CommandLine;
using System.Reflection;

namespace Lodestar.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("about", "Show Lodestar's version and the reference data it ships.\n\nExample:\n  lodestar about");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine($"lodestar {version}");
            return 0;
        });
        return command;
    }
}
