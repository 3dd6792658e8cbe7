using System.Text.Json.Serialization;
using Platform.Grains.Effects;
using Platform.Grains.Hosting;

namespace Platform.Grains.Cameras;

/// <summary>
/// What a camera grain stores: sessions and edge status, the last record applied per partition and the last
/// request applied per sensor and partition, the ids of recent manual requests, and whether its liveness reminder
/// is registered.
/// </summary>
public sealed class CameraGrainState : IHasPendingEffects
{
    /// <summary>Manual requests remembered to recognise a repeated call.</summary>
    public const int RecentRequestLimit = 32;

    public CameraState Camera { get; set; } = new();

    public AppliedPositions Applied { get; set; } = new();

    public List<string>? RecentRequests { get; set; }

    public bool ReminderRegistered { get; set; }

    [JsonIgnore]
    public PendingEffects Effects { get; } = new();

    /// <summary>False when <paramref name="requestId"/> was applied before; otherwise remembers it.</summary>
    public bool TryRemember(string requestId)
    {
        var recent = RecentRequests ??= [];
        if (recent.Contains(requestId))
        {
            return false;
        }

        recent.Add(requestId);
        if (recent.Count > RecentRequestLimit)
        {
            recent.RemoveAt(0);
        }

        return true;
    }
}
