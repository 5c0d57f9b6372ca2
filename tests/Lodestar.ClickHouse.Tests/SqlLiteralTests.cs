using System.Globalization;

namespace Lodestar.ClickHouse.Tests;

/// <summary>The one escaping function, audited against a real server: hostile strings come back unchanged.</summary>
[Collection("clickhouse")]
public sealed class SqlLiteralTests(ClickHouseServers servers) : IClassFixture<ClickHouseServers>
{
    public static TheoryData<string> Hostile() => new(
    [
        "plain",
        "",
        "O'Brien",                       // a quote must not end the literal
        @"back\slash",                   // a backslash must not escape the closing quote
        @"\'; DROP TABLE x; --",         // the classic
        "tab\tnew\nline\rnul\0end",      // control characters
        "\u007f del",
        "ünïcødé ✓ 患者",
        "'",
        @"\",
    ]);

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_string_literal_round_trips_through_the_server(string value)
    {
        using var cluster = await servers.ConnectAsync();
        var body = await cluster.Entry.QueryBytesAsync($"SELECT {SqlLiteral.String(value)} FORMAT RowBinary");
        Assert.Equal([value], RowBinaryReader.Strings(body));
    }

    [Theory]
    [InlineData(0.09148)]
    [InlineData(-1e-300)]
    [InlineData(140)]
    public async Task A_double_literal_is_the_same_double_on_the_server(double value)
    {
        using var cluster = await servers.ConnectAsync();
        var text = await cluster.Entry.QueryAsync($"SELECT toString({SqlLiteral.Double(value)} = {SqlLiteral.Double(value)}), {SqlLiteral.Double(value)}");
        Assert.Equal(value, double.Parse(text.Split('\t')[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Non_finite_numbers_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SqlLiteral.Double(double.NaN));

    [Theory]
    [InlineData("18.16.1", false, false)]   // Debian's: nothing extra
    [InlineData("19.6.2", true, false)]     // query parameters arrived in 19.6
    [InlineData("23.8.1", true, true)]
    public void Capabilities_follow_the_server_version(string version, bool parameters, bool windows)
    {
        var c = ServerCapabilities.Parse(version);
        Assert.Equal(parameters, c.QueryParameters);
        Assert.Equal(windows, c.WindowFunctions);
    }
}
