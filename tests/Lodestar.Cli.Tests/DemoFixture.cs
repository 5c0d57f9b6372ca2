using Lodestar.Cli.Commands;

namespace Lodestar.Cli.Tests;

/// <summary>One small demo run shared by the end-to-end and browser tests.</summary>
public sealed class DemoFixture : IDisposable
{
    public DemoFixture()
    {
        Root = Directory.CreateTempSubdirectory("lodestar-demo-").FullName;
        Output = Path.Combine(Root, "out");
        Summary = DemoCommand.Run(new DemoCommand.DemoOptions("MS", 3000, 7, Output), TextWriter.Null, CancellationToken.None);
    }

    public string Root { get; }

    public string Output { get; }

    internal DemoCommand.DemoSummary Summary { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
