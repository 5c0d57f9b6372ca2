using System.Text.Json;
using Lodestar.Diagnostics;
using Lodestar.IO;

namespace Lodestar.Tables;

/// <summary>
/// The embedded store: a folder holding one <see cref="TableFile"/> per table and a manifest.
/// Saving builds a new folder and swaps it in, so an interrupted ingest leaves the previous
/// workspace intact.
/// </summary>
public sealed class Workspace
{
    public const string ManifestFile = "manifest.json";
    private const string TableExtension = ".table";

    private Workspace(string path, IReadOnlyDictionary<string, Table> tables, WorkspaceManifest manifest)
    {
        Path = path;
        Tables = tables;
        Manifest = manifest;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, Table> Tables { get; }

    public WorkspaceManifest Manifest { get; }

    public Table this[string table] =>
        Tables.TryGetValue(table, out var t) ? t : throw new UserErrorException($"{Path}: the workspace has no table '{table}'; re-run ingest.");

    public static Workspace InMemory(IEnumerable<Table> tables, WorkspaceManifest? manifest = null)
    {
        var map = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return new Workspace("(memory)", map, manifest ?? new WorkspaceManifest(DateTimeOffset.UnixEpoch, [], []));
    }

    /// <summary>Saves a workspace as a whole, replacing <paramref name="path"/> only once everything is written.</summary>
    public static void Save(string path, IEnumerable<Table> tables, WorkspaceManifest manifest)
    {
        using var staging = new AtomicDirectory(path);
        WriteInto(staging.StagingPath, tables, manifest);
        staging.Commit();
    }

    /// <summary>Writes the tables and manifest into a folder the caller makes atomic (e.g. a run's staging folder).</summary>
    public static void WriteInto(string folder, IEnumerable<Table> tables, WorkspaceManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Directory.CreateDirectory(folder);
        Parallel.ForEach(tables.ToList(), table =>
        {
            using var stream = File.Create(TablePath(folder, table.Name));
            TableFile.Write(table, stream);
        });
        WriteManifest(folder, manifest);
    }

    /// <summary>Where table <paramref name="table"/> lives in a workspace folder (for writers that stream row groups into it).</summary>
    public static string TablePath(string folder, string table) => System.IO.Path.Combine(folder, table + TableExtension);

    /// <summary>Writes the manifest; a workspace whose tables were streamed in by <see cref="TableFileWriter"/> is complete once it is there.</summary>
    public static void WriteManifest(string folder, WorkspaceManifest manifest) =>
        File.WriteAllText(System.IO.Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, WorkspaceJson.Default.WorkspaceManifest));

    public static Workspace Open(string path) => Open(path, null);

    /// <summary>Reads one table of a workspace folder (a loader that moves tables elsewhere holds one at a time).</summary>
    public static Table ReadTable(string folder, string table)
    {
        var file = TablePath(folder, table);
        if (!File.Exists(file))
        {
            throw new UserErrorException($"{folder}: the workspace has no table '{table}'; re-run ingest.");
        }
        using var stream = new BufferedStream(File.OpenRead(file), 1 << 20);
        return TableFile.Read(stream, file);
    }

    /// <summary>Opens a workspace with only the columns <paramref name="keep"/> accepts (table name, column name).</summary>
    public static Workspace Open(string path, Func<string, string, bool>? keep)
    {
        var manifestPath = System.IO.Path.Combine(path, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new UserErrorException($"{path}: not a Lodestar workspace (no {ManifestFile}); create one with 'lodestar ingest'.");
        }
        var manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), WorkspaceJson.Default.WorkspaceManifest)
            ?? throw new UserErrorException($"{manifestPath}: empty manifest.");
        var files = Directory.GetFiles(path, "*" + TableExtension);
        var tables = new Table[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            using var stream = new BufferedStream(File.OpenRead(files[i]), 1 << 20);
            tables[i] = TableFile.Read(stream, files[i], keep);
        });
        return new Workspace(path, tables.ToDictionary(t => t.Name, StringComparer.Ordinal), manifest);
    }
}
