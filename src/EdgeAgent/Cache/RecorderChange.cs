namespace Platform.EdgeAgent.Cache;

/// <summary>What a new desired configuration of a running camera asks of its recorder.</summary>
internal enum RecorderChange
{
    /// <summary>Nothing the recorder uses changed.</summary>
    None,

    /// <summary>Only what the agent reads between segments changed (cache bounds, clip container, continuous, sensor ids): ffmpeg keeps running.</summary>
    InPlace,

    /// <summary>ffmpeg's command line changed (source, credentials, segment length): the recorder starts a new run.</summary>
    Restart,
}
