using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Spool;

/// <summary>What eviction needs to know about a spool entry.</summary>
internal sealed record SpoolItem(ClipId ClipId, DateTimeOffset SpooledAt, long Bytes);
