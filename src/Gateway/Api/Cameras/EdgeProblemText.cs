using Platform.Grains.Interfaces.Edge;

namespace Platform.Gateway.Api.Cameras;

/// <summary>What an agent's problem code (<see cref="EdgeCameraProblems"/>) means for the person looking at the camera: one sentence, with what to check.</summary>
public static class EdgeProblemText
{
    public static string Describe(string problem, string? lastError) => problem switch
    {
        EdgeCameraProblems.Unauthorized => "The camera refused the user name and password (RTSP 401): check rtspUsername and rtspPassword.",
        EdgeCameraProblems.Unreachable => "The agent cannot reach the camera's address: check the host, port and the site's network.",
        EdgeCameraProblems.NotFound => "The camera has no stream at this path (RTSP 404): check the URL's path.",
        EdgeCameraProblems.UnsupportedCodec => "The camera's codec cannot be stored in the chosen container: try container mkv.",
        EdgeCameraProblems.Stalled => "The camera is connected but sends no video.",
        EdgeCameraProblems.OverriddenLocally => "The agent's own configuration file defines this camera: its local settings run, not these.",
        EdgeCameraProblems.CredentialsUnreadable =>
            "The agent cannot open the camera's password: its EdgeAgent:ConfigKey is not the registered one (was the key rotated?).",
        EdgeCameraProblems.InvalidConfig => "The agent refused this camera's settings" + (lastError is null ? "." : $": {lastError}"),
        _ => "The recorder failed" + (lastError is null ? "." : $": {lastError}"),
    };
}
