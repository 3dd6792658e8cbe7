namespace Platform.Grains.Effects;

public enum RecordingSessionStatus
{
    Open,
    Extended,
    Closed,
}
