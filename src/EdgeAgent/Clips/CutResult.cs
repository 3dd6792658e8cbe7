namespace Platform.EdgeAgent.Clips;

internal enum CutResult
{
    /// <summary>The clip is in the spool.</summary>
    Spooled,

    /// <summary>The spool already had this clip id (a session cut again after a restart).</summary>
    AlreadySpooled,

    /// <summary>The cache held no video for the window.</summary>
    NoVideo,
}
