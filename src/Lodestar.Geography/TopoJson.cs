using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Lodestar.Geography;

/// <summary>
/// Decodes the polygons of one object of a quantized TopoJSON topology (the format of npm
/// <c>us-atlas</c>) into NetTopologySuite geometries. Spec: https://github.com/topojson/topojson-specification
/// — arcs are delta-encoded integer positions scaled by <c>transform</c>; a negative arc index
/// <c>~i</c> means arc <c>i</c> reversed; consecutive arcs of a ring share their joining point.
/// Coordinates are longitude (x), latitude (y).
/// </summary>
internal static class TopoJson
{
    public static List<(string Id, Geometry Geometry)> ReadPolygons(Stream topology, string objectName, GeometryFactory factory)
    {
        using var document = JsonDocument.Parse(topology);
        var root = document.RootElement;
        var transform = root.GetProperty("transform");
        var scale = transform.GetProperty("scale");
        var translate = transform.GetProperty("translate");
        var (sx, sy) = (scale[0].GetDouble(), scale[1].GetDouble());
        var (tx, ty) = (translate[0].GetDouble(), translate[1].GetDouble());

        var arcs = new List<Coordinate[]>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new Coordinate[arc.GetArrayLength()];
            long x = 0, y = 0;
            var i = 0;
            foreach (var position in arc.EnumerateArray())
            {
                x += position[0].GetInt64();
                y += position[1].GetInt64();
                points[i++] = new Coordinate(x * sx + tx, y * sy + ty);
            }
            arcs.Add(points);
        }

        var result = new List<(string, Geometry)>();
        foreach (var geometry in root.GetProperty("objects").GetProperty(objectName).GetProperty("geometries").EnumerateArray())
        {
            if (!geometry.TryGetProperty("id", out var idElement) || !geometry.TryGetProperty("arcs", out var arcRefs))
            {
                continue; // null geometries carry no shape
            }
            var id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText();
            var type = geometry.GetProperty("type").GetString();
            Geometry? shape = type switch
            {
                "Polygon" => Polygon(arcRefs, arcs, factory),
                "MultiPolygon" => factory.CreateMultiPolygon(
                    arcRefs.EnumerateArray().Select(p => Polygon(p, arcs, factory)).OfType<Polygon>().ToArray()),
                _ => null,
            };
            if (shape is { IsEmpty: false })
            {
                result.Add((id, shape));
            }
        }
        return result;
    }

    private static Polygon? Polygon(JsonElement rings, List<Coordinate[]> arcs, GeometryFactory factory)
    {
        LinearRing? shell = null;
        var holes = new List<LinearRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            var coordinates = new List<Coordinate>();
            foreach (var reference in ring.EnumerateArray())
            {
                var index = reference.GetInt32();
                var arc = arcs[index >= 0 ? index : ~index];
                var start = coordinates.Count == 0 ? 0 : 1; // the joining point is already there
                for (var k = start; k < arc.Length; k++)
                {
                    coordinates.Add(arc[index >= 0 ? k : arc.Length - 1 - k]);
                }
            }
            if (coordinates.Count < 4 || !coordinates[0].Equals2D(coordinates[^1]))
            {
                continue; // a ring collapsed by quantization has no area to test against
            }
            var linear = factory.CreateLinearRing(coordinates.ToArray());
            if (shell is null)
            {
                shell = linear;
            }
            else
            {
                holes.Add(linear);
            }
        }
        return shell is null ? null : factory.CreatePolygon(shell, holes.ToArray());
    }
}
