using Platform.EdgeAgent.Cache;
using Platform.EdgeAgent.Configuration;
using Platform.Grains.Interfaces.Edge;

namespace Platform.UnitTests.EdgeAgent;

public sealed class CameraSetTests
{
    private static CameraOptions Camera(string id, string source = "rtsp://10.0.0.5/a") => new() { Id = id, Source = source };

    private static PlannedCamera Cloud(string id, string? problem = null) => new(Camera(id, "rtsp://cloud/" + id), EdgeCameraStatus.CloudSource, problem);

    [Fact]
    public void The_local_definition_wins_and_the_camera_is_reported_overridden_locally()
    {
        var merged = CameraSet.Merge([Camera("door", "rtsp://local/door")], [Cloud("door"), Cloud("yard")]);

        Assert.Equal(2, merged.Count);
        var door = merged.Single(c => c.Options.Id == "door");
        Assert.Equal(("rtsp://local/door", EdgeCameraStatus.LocalSource, EdgeCameraProblems.OverriddenLocally, true),
            (door.Options.Source, door.Source, door.Problem, door.Runs));
        var yard = merged.Single(c => c.Options.Id == "yard");
        Assert.Equal((EdgeCameraStatus.CloudSource, null, true), (yard.Source, yard.Problem, yard.Runs));
    }

    [Fact]
    public void A_local_camera_the_cloud_does_not_name_runs_without_a_problem()
    {
        var merged = CameraSet.Merge([Camera("door")], []);

        Assert.Equal((EdgeCameraStatus.LocalSource, null), (Assert.Single(merged).Source, merged[0].Problem));
    }

    [Fact]
    public void A_cloud_camera_whose_password_does_not_open_is_kept_but_does_not_run()
    {
        var merged = CameraSet.Merge([], [Cloud("yard", EdgeCameraProblems.CredentialsUnreadable)]);

        Assert.False(Assert.Single(merged).Runs);
    }

    [Fact]
    public void A_camera_removed_from_the_cloud_set_is_not_in_the_merge() =>
        Assert.DoesNotContain(CameraSet.Merge([Camera("door")], [Cloud("yard")]), c => c.Options.Id == "gone");
}
