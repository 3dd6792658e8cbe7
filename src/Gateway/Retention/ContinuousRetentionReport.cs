namespace Platform.Gateway.Retention;

/// <summary>What a continuous retention pass removed, and on how many cameras it stopped at an object store failure.</summary>
public sealed record ContinuousRetentionReport(int Segments, long Bytes, int FailedCameras);
