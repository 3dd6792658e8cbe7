using Microsoft.Playwright;

namespace Platform.BrowserTests;

/// <summary>
/// The Debian chromium package driven by Playwright (`playwright install` cannot download browsers here). A launch
/// failure is kept and rethrown by <see cref="Browser"/>, so that every browser test fails with the reason
/// instead of being skipped or failing with a bare fixture error.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] LaunchArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--autoplay-policy=no-user-gesture-required",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private Exception? failure;

    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        $"Chromium could not be launched from {ExecutablePath} by Microsoft.Playwright. Install it with `apt-get install -y chromium` "
        + $"(`./platform install` does). Cause: {failure?.Message}", failure);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            failure = new FileNotFoundException($"{ExecutablePath} does not exist.", ExecutablePath);
            return;
        }

        try
        {
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = LaunchArguments });
        }
        catch (Exception e)
        {
            // Whatever went wrong (driver missing, browser crashed, protocol mismatch): each test reports it.
            failure = e;
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
