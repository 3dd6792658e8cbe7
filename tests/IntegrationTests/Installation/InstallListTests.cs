using Platform.LocalInfra;
using Platform.Testing;

namespace Platform.IntegrationTests.Installation;

/// <summary>
/// A fresh machine has only the .NET SDK, and CI runs where earlier work may have installed things by hand: so the
/// install list is checked against what the code uses, file by file, through this machine's package database. A
/// requirement passes only if the file that satisfies it belongs to its listed package or to a dependency of it, and
/// that package is in the install list.
/// </summary>
public sealed class InstallListTests
{
    [Fact]
    public async Task Every_GStreamer_element_of_the_camera_pipeline_is_a_requirement()
    {
        var script = Path.Combine(RepositoryPaths.FindRepositoryRoot(), "src", "LocalInfra", "Resources", "rtsp_camera.py");
        var elements = (await MediaProbe.RunAsync(RtspCameraServer.PythonExecutable, [script, "--list-elements"], TimeSpan.FromSeconds(30)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var required = InstallList.Requirements().Where(r => r.Kind == "gst-element").Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("textoverlay", elements);
        Assert.DoesNotContain(elements, e => !required.Contains(e));
    }

    [Fact]
    public async Task Each_requirement_comes_from_its_listed_package_and_the_install_list_brings_that_package()
    {
        var installList = InstallList.AptPackages().ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var closures = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var requirement in InstallList.Requirements().Where(r => r.Kind is not ("prerequisite" or InstalledToolsTests.Kind)))
        {
            if (!installList.Contains(requirement.Package))
            {
                problems.Add($"{requirement}: {requirement.Package} is not in APT_PACKAGES");
                continue;
            }

            var file = await SystemFiles.FileOfAsync(requirement);
            if (file is null)
            {
                problems.Add($"{requirement}: not found on this machine");
                continue;
            }

            var owner = await DebianPackages.OwnerOfAsync(file);
            if (owner is null || (owner != requirement.Package && !(await ClosureOfAsync(requirement.Package)).Contains(owner)))
            {
                problems.Add($"{requirement}: {file} belongs to {owner ?? "no package"}, which {requirement.Package} does not bring");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));

        // A dependency walk takes a second or more: only for the files that the listed package does not hold itself.
        async Task<IReadOnlySet<string>> ClosureOfAsync(string package)
        {
            if (!closures.TryGetValue(package, out var closure))
            {
                closures[package] = closure = await DebianPackages.ClosureAsync([package]);
            }

            return closure;
        }
    }

    [Fact]
    public void Prerequisites_that_are_not_installed_by_the_platform_are_on_the_path()
    {
        var prerequisites = InstallList.Requirements().Where(r => r.Kind == "prerequisite").ToList();

        Assert.NotEmpty(prerequisites);
        Assert.DoesNotContain(prerequisites, r => SystemFiles.Executable(r.Name) is null);
    }

    // The check above is only worth something if dropping a package from the list makes it fail: gstreamer1.0-x is the one
    // a fresh machine lacked (the camera answered 503 to every client), and nothing else in the list pulls it in.
    [Fact]
    public async Task Without_gstreamer1_0_x_in_the_install_list_the_camera_overlays_are_not_covered()
    {
        var overlay = await SystemFiles.FileOfAsync(new Requirement("gst-element", "textoverlay", "gstreamer1.0-x"));
        Assert.NotNull(overlay);
        var owner = await DebianPackages.OwnerOfAsync(overlay) ?? "no package";

        var withoutIt = await DebianPackages.ClosureAsync(InstallList.AptPackages().Where(p => p != "gstreamer1.0-x"));
        var withIt = await DebianPackages.ClosureAsync(InstallList.AptPackages());

        Assert.Equal("gstreamer1.0-x", owner);
        Assert.Contains(owner, withIt);
        Assert.DoesNotContain(owner, withoutIt);
    }
}
