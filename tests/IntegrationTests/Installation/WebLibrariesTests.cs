using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Platform.LocalInfra;

namespace Platform.IntegrationTests.Installation;

/// <summary>
/// The web UI's npm libraries: `./platform install` and the gateway image install them from the lock file with the same
/// script, each file the gateway build copies into wwwroot/lib belongs to a pinned package, and what is installed on
/// this machine is what the lock file pins (its stamp). That the gateway then serves them: GatewayTests' WebUiFilesTests.
/// </summary>
public sealed class WebLibrariesTests
{
    private const string Script = "scripts/install/web-libraries.sh";
    private static readonly string Root = RepositoryPaths.FindRepositoryRoot();
    private static readonly string Libraries = Path.Combine(Root, "src", "Gateway", "WebLibraries");

    [Fact]
    public void Platform_install_and_the_gateway_image_both_run_the_web_libraries_script()
    {
        Assert.Contains(Script, InstallList.InstallSteps());
        var dockerfile = File.ReadAllText(Path.Combine(Root, "src", "Gateway", "Dockerfile"));
        Assert.Contains($"RUN bash {Script}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=web-libraries /src/src/Gateway/WebLibraries/node_modules src/Gateway/WebLibraries/node_modules", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_file_the_gateway_build_copies_comes_from_a_package_the_lock_file_pins_with_an_integrity_hash()
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(Libraries, "package-lock.json")));
        var root = lockFile.RootElement;
        Assert.Equal(3, root.GetProperty("lockfileVersion").GetInt32());
        var packages = root.GetProperty("packages");
        var files = XDocument.Load(Path.Combine(Root, "src", "Gateway", "Gateway.csproj")).Descendants("WebLibrary")
            .Select(e => (Include: e.Attribute("Include")!.Value, Link: e.Attribute("Link")!.Value))
            .ToList();

        Assert.Contains(files, f => f.Link == "wwwroot/lib/uplot/uPlot.esm.js");
        Assert.All(files, file =>
        {
            Assert.StartsWith("WebLibraries/node_modules/", file.Include, StringComparison.Ordinal);
            var package = file.Include["WebLibraries/".Length..].Split('/')[..2];
            Assert.True(packages.TryGetProperty(string.Join('/', package), out var entry), $"{file.Include}: {package[1]} is not in package-lock.json");
            Assert.StartsWith("sha512-", entry.GetProperty("integrity").GetString(), StringComparison.Ordinal);
            Assert.StartsWith($"wwwroot/lib/{package[1]}/", file.Link, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_libraries_installed_here_are_the_ones_the_lock_file_pins()
    {
        // The script's stamp: sha256 of the two files' sha256 lines (sha256sum … | awk '{print $1}' | sha256sum).
        var hashes = string.Concat(new[] { "package.json", "package-lock.json" }
            .Select(name => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Libraries, name)))) + "\n"));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(hashes)));
        var stamp = Path.Combine(Libraries, "node_modules", ".install-stamp");

        Assert.True(File.Exists(stamp), $"no {stamp}: run ./platform install (bash {Script})");
        Assert.Equal(expected, File.ReadAllText(stamp).Trim());
    }
}
