using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.BrowserTests;

/// <summary>
/// One browser context (own cookies) with one page on the gateway, recording uncaught script errors so a test can
/// assert the UI ran cleanly, plus the sign-in steps a user takes.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    // Generous for two shared cores running a gateway, PostgreSQL, S3 and Chromium at once.
    private static readonly float TimeoutMilliseconds = 20_000;

    private readonly IBrowserContext context;
    private readonly List<string> pageErrors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.PageError += (_, error) => { lock (pageErrors) { pageErrors.Add(error); } };
    }

    public IPage Page { get; }

    /// <summary>Exceptions thrown by the page's scripts and not caught (a broken module import shows up here too).</summary>
    public IReadOnlyList<string> PageErrors
    {
        get { lock (pageErrors) { return [.. pageErrors]; } }
    }

    /// <param name="timeZone">The browser's IANA time zone (default: the machine's).</param>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseUrl, string? timeZone = null)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 900 }, TimezoneId = timeZone, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(TimeoutMilliseconds);
        SetDefaultExpectTimeout(TimeoutMilliseconds);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>Opens the UI and signs in through the form, as a person would.</summary>
    public async Task SignInAsync(string apiKey)
    {
        await Page.GotoAsync("/");
        try
        {
            await Page.GetByLabel("API key").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            // No sign-in form: the page's own errors (a module that did not load, a script that threw) say why.
            throw new TimeoutException($"The sign-in form did not show. Page errors: [{string.Join(" | ", PageErrors)}]", e);
        }

        await Page.GetByLabel("API key").FillAsync(apiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
