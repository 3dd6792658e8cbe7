namespace Platform.Testing;

/// <summary>What ffprobe reports about a video stream.</summary>
public sealed record VideoStreamInfo(string CodecName, int Width, int Height, double AverageFrameRate, double RealFrameRate);
