namespace Lodestar.Testing;

/// <summary>Locates the repository root and the shared reference folder beside it, wherever the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>shared/</c> folder beside the checkout (design notes, reference data, conformance suite).</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lodestar.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find Lodestar.slnx above " + AppContext.BaseDirectory);
    }
}
