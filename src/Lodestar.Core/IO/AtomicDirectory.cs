namespace Lodestar.IO;

/// <summary>
/// Builds a whole output folder beside its target and swaps it in at the end, so an interrupted run
/// leaves the previous results intact. The swap is two renames; the old folder is kept until the
/// new one is in place.
/// </summary>
public sealed class AtomicDirectory : IDisposable
{
    public const string MarkerFileName = ".lodestar-output";

    private readonly string target;
    private bool committed;

    public AtomicDirectory(string target)
    {
        this.target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(this.target.TrimEnd(Path.DirectorySeparatorChar))!;
        Directory.CreateDirectory(parent);
        if (Directory.Exists(this.target)
            && Directory.EnumerateFileSystemEntries(this.target).Any()
            && !File.Exists(Path.Combine(this.target, MarkerFileName)))
        {
            throw new Diagnostics.UserErrorException(
                $"{target}: the folder exists and was not written by Lodestar; choose an empty or new folder for the output.");
        }
        StagingPath = Path.Combine(parent, $".{Path.GetFileName(this.target.TrimEnd(Path.DirectorySeparatorChar))}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(StagingPath);
        File.WriteAllText(Path.Combine(StagingPath, MarkerFileName), "Written by Lodestar; the whole folder is replaced on the next run.\n");
    }

    /// <summary>The folder to write into; it becomes the target on <see cref="Commit"/>.</summary>
    public string StagingPath { get; }

    /// <summary>
    /// Where a path written under <see cref="StagingPath"/> will be once committed (other paths unchanged): for
    /// outputs that name their own files, which must not point into a staging folder that is gone by then.
    /// </summary>
    public string FinalPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(StagingPath, full);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? full : relative == "." ? target : Path.Combine(target, relative);
    }

    public void Commit()
    {
        if (committed)
        {
            throw new InvalidOperationException("Already committed.");
        }
        string? retired = null;
        if (Directory.Exists(target))
        {
            retired = target.TrimEnd(Path.DirectorySeparatorChar) + $".old-{Guid.NewGuid():N}";
            Directory.Move(target, retired);
        }
        Directory.Move(StagingPath, target);
        committed = true;
        if (retired is not null)
        {
            Directory.Delete(retired, recursive: true);
        }
    }

    public void Dispose()
    {
        if (!committed && Directory.Exists(StagingPath))
        {
            Directory.Delete(StagingPath, recursive: true);
        }
    }
}
