namespace Platform.Gateway.Retention;

/// <summary>What one pass removed from one camera.</summary>
public sealed record CameraRetentionReport(string CameraId, int Clips, long Bytes, int Aged, int OverBudget, int Failed);

/// <summary>What one pass did; <see cref="Skipped"/> when another gateway held the retention lock.</summary>
public sealed record RetentionReport(bool Skipped, IReadOnlyList<CameraRetentionReport> Cameras)
{
    public int Clips => Cameras.Sum(c => c.Clips);

    public long Bytes => Cameras.Sum(c => c.Bytes);
}
