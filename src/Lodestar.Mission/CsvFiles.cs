using System.Text;
using Lodestar.IO;

namespace Lodestar.Mission;

/// <summary>Opens a CSV file for writing that closes its file when disposed (CsvWriter(Stream) leaves the stream open).</summary>
internal static class CsvFiles
{
    public static CsvWriter Create(string path) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16), ownsWriter: true);
}
