using Platform.LocalInfra;

namespace Platform.UnitTests.LocalInfra;

public sealed class EnvFileTests : IDisposable
{
    private readonly TempDirectory directory = new("envfile-test");

    [Fact]
    public async Task Values_with_quotes_spaces_and_equals_signs_read_back_unchanged()
    {
        var path = Path.Combine(directory.Path, "nested", "demo.env");
        var written = new Dictionary<string, string>
        {
            ["POSTGRES_CONNECTION"] = "Host=127.0.0.1;Port=5433;Username=platform",
            ["ODD"] = "it's a 'quoted' value with spaces",
            ["EMPTY"] = "",
        };

        await EnvFile.WriteAsync(path, written);

        Assert.Equal(written, EnvFile.Read(path));
    }

    [Fact]
    public async Task Written_file_can_be_sourced_by_bash()
    {
        var path = Path.Combine(directory.Path, "demo.env");
        await EnvFile.WriteAsync(path, new Dictionary<string, string> { ["ODD"] = "it's $HOME `x`" });

        using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "bash", ["-c", $"source '{path}' && printf %s \"$ODD\""]) { RedirectStandardOutput = true })!;
        var printed = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.Equal("it's $HOME `x`", printed);
    }

    [Fact]
    public async Task Rewriting_replaces_the_previous_content()
    {
        var path = Path.Combine(directory.Path, "demo.env");
        await EnvFile.WriteAsync(path, new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" });
        await EnvFile.WriteAsync(path, new Dictionary<string, string> { ["A"] = "3" });

        Assert.Equal(new Dictionary<string, string> { ["A"] = "3" }, EnvFile.Read(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    public void Dispose() => directory.Dispose();
}
