using System.Collections.Frozen;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Lodestar.Geography;

/// <summary>
/// Census county boundaries (cartographic boundary files 2017, 1:10,000,000, via npm us-atlas 3.0.1)
/// for point-in-polygon lookups. Generalised at 1:10m, so a point within about a kilometre of a
/// county line may land in the neighbour. 2017 geography: Connecticut's 2022 planning regions
/// (09110–09190) and Alaska's 02063/02066 have no shape here, only the old counties they replaced.
/// Thread-safe after construction.
/// </summary>
public sealed class CountyBoundaries
{
    private static readonly Lazy<CountyBoundaries> LazyDefault = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly STRtree<(string Fips, IPreparedGeometry Shape)> index;
    private readonly FrozenDictionary<string, (Geometry Shape, IPreparedGeometry Prepared)> byFips;
    private readonly GeometryFactory factory;

    private CountyBoundaries(List<(string Id, Geometry Geometry)> shapes, GeometryFactory factory)
    {
        this.factory = factory;
        index = new STRtree<(string, IPreparedGeometry)>();
        var map = new Dictionary<string, (Geometry, IPreparedGeometry)>(StringComparer.Ordinal);
        foreach (var (id, shape) in shapes)
        {
            var prepared = PreparedGeometryFactory.Prepare(shape);
            index.Insert(shape.EnvelopeInternal, (id, prepared));
            map[id] = (shape, prepared);
        }
        index.Build();
        byFips = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The boundaries shipped in the assembly, loaded on first use (about a second).</summary>
    public static CountyBoundaries Default => LazyDefault.Value;

    /// <summary>Number of county shapes loaded (3,231 including territories).</summary>
    public int Count => byFips.Count;

    /// <summary>The FIPS code of the county containing the point, or null when it is in none (sea, outside the US).</summary>
    public string? FindCounty(double latitude, double longitude)
    {
        var point = factory.CreatePoint(new Coordinate(longitude, latitude));
        string? found = null;
        foreach (var (fips, shape) in index.Query(point.EnvelopeInternal))
        {
            // Covers includes the boundary; the lowest FIPS wins a tie on a shared edge, so the answer is stable.
            if (shape.Covers(point) && (found is null || string.CompareOrdinal(fips, found) < 0))
            {
                found = fips;
            }
        }
        return found;
    }

    /// <summary>Whether the point lies in (or on the edge of) the county; false when the county has no shape.</summary>
    public bool Contains(string fips, double latitude, double longitude) =>
        byFips.TryGetValue(fips, out var entry) && entry.Prepared.Covers(factory.CreatePoint(new Coordinate(longitude, latitude)));

    /// <summary>A point guaranteed to lie inside the county (not necessarily its centroid), or null without a shape.</summary>
    public (double Latitude, double Longitude)? InteriorPoint(string fips)
    {
        if (!byFips.TryGetValue(fips, out var entry))
        {
            return null;
        }
        var p = entry.Shape.InteriorPoint;
        return (p.Y, p.X);
    }

    /// <summary>The county's bounding box (min/max latitude and longitude), or null without a shape.</summary>
    public (double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)? Bounds(string fips)
    {
        if (!byFips.TryGetValue(fips, out var entry))
        {
            return null;
        }
        var e = entry.Shape.EnvelopeInternal;
        return (e.MinY, e.MinX, e.MaxY, e.MaxX);
    }

    private static CountyBoundaries Load()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        using var stream = EmbeddedData.Open("counties-10m.topo.json.gz");
        return new CountyBoundaries(TopoJson.ReadPolygons(stream, "counties", factory), factory);
    }
}
