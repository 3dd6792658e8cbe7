namespace Platform.BrowserTests;

/// <summary>
/// The gateway's API as the bootstrap admin, over the loopback port the browser uses: a loopback host has no
/// in-memory test server, so <see cref="GatewayHost.ClientWithKey"/> cannot reach it.
/// </summary>
internal static class AdminApi
{
    public static HttpClient Client(GatewayHost host)
    {
        var client = new HttpClient { BaseAddress = host.BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);
        return client;
    }
}
