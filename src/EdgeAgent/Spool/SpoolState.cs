namespace Platform.EdgeAgent.Spool;

/// <summary>How far a spooled clip has got; each step is recorded in its manifest before the next begins.</summary>
public enum SpoolState
{
    /// <summary>Cut, hashed and on local disk; nothing uploaded yet.</summary>
    Spooled,

    /// <summary>The video object is in S3.</summary>
    VideoUploaded,

    /// <summary>The thumbnail is in S3 too.</summary>
    ThumbnailUploaded,

    /// <summary>edge.clips has the message; the entry is deleted next.</summary>
    Announced,
}
