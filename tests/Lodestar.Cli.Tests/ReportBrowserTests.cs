using Microsoft.Playwright;

namespace Lodestar.Cli.Tests;

/// <summary>Opens the demo's report.html in Debian's headless Chromium, as a reader would.</summary>
public sealed class ReportBrowserTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task The_report_opens_offline_without_console_errors_or_failed_requests()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add("failed request: " + request.Url);
        page.Request += (_, request) => requests.Add(request.Url);

        var file = Path.Combine(demo.Output, "report.html");
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Empty(problems);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal)); // self-contained: nothing fetched
        Assert.Contains("Care quality and equity", await page.TitleAsync(), StringComparison.Ordinal);
        foreach (var figures in demo.Summary.Figures)
        {
            Assert.True(await page.Locator($"section.measure h2:has-text(\"{figures.Measure.Title}\")").CountAsync() == 1);
        }
        Assert.True(await page.Locator("section.measure svg").CountAsync() >= demo.Summary.Figures.Count);
        Assert.True(await page.Locator("section.measure table").CountAsync() >= demo.Summary.Figures.Count);

        var screenshots = Path.Combine(Lodestar.Testing.RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.SetViewportSizeAsync(1100, 1400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "report.png") });
        Assert.True(new FileInfo(Path.Combine(screenshots, "report.png")).Length > 10_000);
    }
}
