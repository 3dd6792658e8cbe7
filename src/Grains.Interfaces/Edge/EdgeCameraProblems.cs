namespace Platform.Grains.Interfaces.Edge;

/// <summary>Why an agent's camera is not recording, as <see cref="EdgeCameraStatus.Problem"/> codes.</summary>
public static class EdgeCameraProblems
{
    /// <summary>The camera refused the credentials (RTSP 401/403).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>No answer from the camera's address (connection refused, timed out, no route, unknown host).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The camera answered but has no such stream (RTSP 404).</summary>
    public const string NotFound = "not-found";

    /// <summary>The stream's codec cannot be stored in the camera's container.</summary>
    public const string UnsupportedCodec = "unsupported-codec";

    /// <summary>Connected, but no segment for longer than the stall timeout.</summary>
    public const string Stalled = "stalled";

    /// <summary>The agent's local configuration names this camera too; the local definition runs.</summary>
    public const string OverriddenLocally = "overridden-locally";

    /// <summary>The password could not be opened with the agent's config key (wrong key, or sealed for another agent).</summary>
    public const string CredentialsUnreadable = "credentials-unreadable";

    /// <summary>The camera's entry in edge.config is not usable (for instance a segment length out of range); the agent's ConfigError says why.</summary>
    public const string InvalidConfig = "invalid-config";

    /// <summary>Any other ffmpeg exit; the status's last error says more.</summary>
    public const string RecorderFailed = "recorder-failed";
}
