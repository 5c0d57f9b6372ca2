using System.Security.Cryptography;
using System.Text.Json;

namespace Lodestar.Synth.Tests;

/// <summary>Runs the generator into a temporary folder and reads what it wrote.</summary>
internal sealed class SynthRun : IDisposable
{
    public SynthRun(SynthOptions options)
    {
        Folder = Path.Combine(Path.GetTempPath(), "lodestar-synth-tests", Guid.NewGuid().ToString("N"));
        Result = SynthGenerator.Run(options, Folder);
    }

    public string Folder { get; }

    public SynthResult Result { get; }

    public IEnumerable<JsonElement> Read(string type)
    {
        foreach (var line in File.ReadLines(Path.Combine(Folder, type + ".ndjson")))
        {
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }

    /// <summary>SHA-256 over every file's name and bytes, in name order.</summary>
    public string Hash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(Folder, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
