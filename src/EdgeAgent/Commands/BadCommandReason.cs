namespace Platform.EdgeAgent.Commands;

/// <summary>Why a command on the commands topic was not acted on.</summary>
public enum BadCommandReason
{
    /// <summary>The payload is not JSON.</summary>
    NotJson,

    /// <summary>JSON, but not a Smart Video Record command (a field missing or of the wrong type).</summary>
    Malformed,

    /// <summary><c>command</c> is neither start-recording nor stop-recording.</summary>
    UnknownCommand,

    /// <summary>Neither <c>cameraId</c> nor <c>sensor.id</c> names a camera of this agent.</summary>
    UnknownCamera,

    /// <summary><c>end</c> is not after <c>start</c>.</summary>
    EndBeforeStart,

    /// <summary>The window is longer than the longest clip allowed.</summary>
    TooLong,

    /// <summary>The whole window ended before the camera's cache begins: nothing of it is left to cut.</summary>
    OlderThanCache,

    /// <summary><c>start</c> is further in the future than the longest clip: a clock or unit mistake.</summary>
    StartTooFarAhead,
}
