using Lodestar.Diagnostics;
using Lodestar.IO;

namespace Lodestar.Core.Tests;

public sealed class AtomicDirectoryTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lodestar-atomic-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void An_interrupted_write_leaves_the_previous_results_intact()
    {
        var target = Path.Combine(root, "out");
        using (var first = new AtomicDirectory(target))
        {
            File.WriteAllText(Path.Combine(first.StagingPath, "a.txt"), "first");
            first.Commit();
        }
        using (var second = new AtomicDirectory(target))
        {
            File.WriteAllText(Path.Combine(second.StagingPath, "a.txt"), "second");
            // no Commit: the run was interrupted
        }
        Assert.Equal("first", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Single(Directory.GetDirectories(root)); // the staging folder was cleaned up
    }

    [Fact]
    public void A_committed_write_replaces_the_previous_results()
    {
        var target = Path.Combine(root, "out");
        foreach (var content in new[] { "first", "second" })
        {
            using var run = new AtomicDirectory(target);
            File.WriteAllText(Path.Combine(run.StagingPath, "a.txt"), content);
            run.Commit();
        }
        Assert.Equal("second", File.ReadAllText(Path.Combine(target, "a.txt")));
    }

    [Fact]
    public void A_folder_with_foreign_files_is_never_replaced()
    {
        var target = Path.Combine(root, "mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "thesis.docx"), "precious");
        Assert.Throws<UserErrorException>(() => new AtomicDirectory(target));
        Assert.True(File.Exists(Path.Combine(target, "thesis.docx")));
    }

    [Fact]
    public void A_path_written_in_the_staging_folder_is_named_where_it_will_be_after_the_commit()
    {
        var target = Path.Combine(root, "out");
        using var run = new AtomicDirectory(target);
        var inside = Path.Combine(run.StagingPath, "fhir", "Patient.ndjson");
        Assert.Equal(Path.Combine(target, "fhir", "Patient.ndjson"), run.FinalPath(inside));
        Assert.Equal(Path.Combine(target, "..odd"), run.FinalPath(Path.Combine(run.StagingPath, "..odd")));
        Assert.Equal(target, run.FinalPath(run.StagingPath));
        // Elsewhere, including a sibling whose name starts like the staging folder's: unchanged.
        Assert.Equal(Path.Combine(root, "in.ndjson"), run.FinalPath(Path.Combine(root, "in.ndjson")));
        Assert.Equal(run.StagingPath + "-x/a", run.FinalPath(run.StagingPath + "-x/a"));
        File.WriteAllText(inside.Replace("fhir/", "", StringComparison.Ordinal), "x");
        run.Commit();
        Assert.True(File.Exists(run.FinalPath(Path.Combine(run.StagingPath, "Patient.ndjson"))));
    }
}
