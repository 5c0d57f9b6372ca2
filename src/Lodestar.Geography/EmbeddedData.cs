using System.IO.Compression;
using System.Text;
using Lodestar.IO;

namespace Lodestar.Geography;

/// <summary>Opens the gzip-compressed reference files embedded in this assembly (see Data/SOURCES.md).</summary>
internal static class EmbeddedData
{
    public static Stream Open(string fileName)
    {
        var name = "Lodestar.Geography.Data." + fileName;
        var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        return new GZipStream(stream, CompressionMode.Decompress);
    }

    /// <summary>Rows of an embedded CSV as field arrays, with a header-name → index lookup.</summary>
    public static IEnumerable<(Func<string, string> Field, CsvRecord Record)> ReadCsv(string fileName)
    {
        using var reader = new StreamReader(Open(fileName), Encoding.UTF8);
        var csv = new CsvReader(reader, fileName);
        var header = csv.ReadHeader();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index[header[i]] = i;
        }
        foreach (var (record, error, _) in csv.ReadRecords(header.Count))
        {
            if (error is { } e)
            {
                throw new InvalidOperationException("Embedded reference data is corrupt: " + e);
            }
            yield return (name => record.Fields[index[name]], record);
        }
    }
}
