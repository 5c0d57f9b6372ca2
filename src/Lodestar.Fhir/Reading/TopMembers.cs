using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Lodestar.Fhir.Reading;

/// <summary>
/// The top-level members the validator reads (resourceType, id, and the first segment of each field rule), found in
/// one forward pass over a resource. <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> searches from the
/// last member backwards, so looking up resourceType and id, and rules whose member is absent, each scanned the whole
/// resource. A member given twice keeps its last value, as that lookup does. Not thread-safe; one per thread.
/// </summary>
internal sealed class TopMembers
{
    public const int ResourceType = 0;

    public const int Id = 1;

    private static readonly byte[][] Names = ["resourceType"u8.ToArray(), "id"u8.ToArray(), .. ResourceValidator.FirstSegments()];

    /// <summary>For each first byte, the names that start with it.</summary>
    private static readonly int[][] ByFirstByte = Enumerable.Range(0, 256)
        .Select(b => Enumerable.Range(0, Names.Length).Where(i => Names[i][0] == b).ToArray()).ToArray();

    private readonly JsonElement[] found = new JsonElement[Names.Length];
    private readonly bool[] present = new bool[Names.Length];

    public void Read(JsonElement resource)
    {
        Array.Clear(present);
        foreach (var property in resource.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                // A name written with escapes: compare it decoded, as the lookup would.
                for (var i = 0; i < Names.Length; i++)
                {
                    if (property.NameEquals(Names[i]))
                    {
                        Set(i, property.Value);
                    }
                }
                continue;
            }
            if (raw.Length == 0)
            {
                continue;
            }
            foreach (var i in ByFirstByte[raw[0]])
            {
                if (raw.SequenceEqual(Names[i]))
                {
                    Set(i, property.Value);
                }
            }
        }
    }

    /// <summary>The index <see cref="TryGet"/> takes for a member name.</summary>
    public static int IndexOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i].AsSpan().SequenceEqual(name))
            {
                return i;
            }
        }
        throw new ArgumentException($"'{Encoding.UTF8.GetString(name)}' is not a member the validator reads", nameof(name));
    }

    public bool TryGet(int index, out JsonElement value)
    {
        value = found[index];
        return present[index];
    }

    private void Set(int i, JsonElement value)
    {
        found[i] = value;
        present[i] = true;
    }
}
