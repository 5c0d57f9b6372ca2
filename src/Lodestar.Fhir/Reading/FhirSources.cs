using Lodestar.Diagnostics;

namespace Lodestar.Fhir.Reading;

/// <summary>Finds FHIR input files from the paths a user gives: files as they are, folders searched recursively.</summary>
public static class FhirSources
{
    /// <summary>
    /// Files and folders to sources, sorted by path within each folder. In folders, files ending in
    /// .ndjson, .jsonl, .json (each optionally .gz) are taken and others ignored; a file named explicitly must have one
    /// of those endings. A path that does not exist is a <see cref="UserErrorException"/>.
    /// </summary>
    public static IReadOnlyList<FhirSource> Discover(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<FhirSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (Classify(file) is { } source && seen.Add(source.Path))
                    {
                        result.Add(source);
                    }
                }
            }
            else if (File.Exists(path))
            {
                var source = Classify(path)
                    ?? throw new UserErrorException(new Diagnostic(path, 0, "", "not a FHIR input: expected .ndjson, .jsonl or .json, optionally gzipped (.gz)"));
                if (seen.Add(source.Path))
                {
                    result.Add(source);
                }
            }
            else
            {
                throw new UserErrorException(new Diagnostic(path, 0, "", "no such file or folder"));
            }
        }
        return result;
    }

    /// <summary>The source for one file, or null when its name does not say it holds FHIR JSON.</summary>
    public static FhirSource? Classify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        var compressed = name.EndsWith(".gz", StringComparison.Ordinal);
        if (compressed)
        {
            name = name[..^3];
        }
        FhirSourceFormat format;
        if (name.EndsWith(".ndjson", StringComparison.Ordinal) || name.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            format = FhirSourceFormat.Ndjson;
        }
        else if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            format = FhirSourceFormat.Json;
        }
        else
        {
            return null;
        }
        return new FhirSource(Path.GetFullPath(path), format, compressed, ContentLength(path));
    }

    // A symbolic link's own length is that of its target path; throughput and progress need the bytes read.
    private static long ContentLength(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info.Length : (info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo)?.Length ?? info.Length;
    }
}
