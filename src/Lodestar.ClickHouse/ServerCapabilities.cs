namespace Lodestar.ClickHouse;

/// <summary>
/// What a server version can do that SQL generation and loading care about. 18.16 (Debian's) has none of
/// these: the generator then uses IN-subqueries instead of CTEs, at most one JOIN per SELECT, Int32 day
/// numbers instead of Date, and <see cref="SqlLiteral"/> instead of query parameters.
/// </summary>
internal sealed record ServerCapabilities(Version Version)
{
    /// <summary>{name:Type} placeholders with param_name URL arguments (19.6+).</summary>
    public bool QueryParameters => Version >= new Version(19, 6);

    /// <summary>WITH name AS (subquery) (20.x+).</summary>
    public bool CommonTableExpressions => Version >= new Version(20, 10);

    /// <summary>OVER (PARTITION BY …) (21.x+).</summary>
    public bool WindowFunctions => Version >= new Version(21, 3);

    /// <summary>Several JOINs in one SELECT (19.x+).</summary>
    public bool MultipleJoins => Version >= new Version(19, 14);

    public static ServerCapabilities Parse(string version)
    {
        var parts = version.Trim().Split('.');
        var major = parts.Length > 0 && int.TryParse(parts[0], out var a) ? a : 0;
        var minor = parts.Length > 1 && int.TryParse(parts[1], out var b) ? b : 0;
        return new ServerCapabilities(new Version(major, minor));
    }
}
