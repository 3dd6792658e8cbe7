namespace Platform.EdgeAgent.Commands;

/// <summary>The limits <see cref="RecordingSessions"/> applies.</summary>
/// <param name="MaxClipLength">Longer windows are bad commands ("absurd lengths").</param>
/// <param name="DedupeWindow">How long after its end a command's id or content is remembered.</param>
internal sealed record RecordingPolicy(TimeSpan MaxClipLength, TimeSpan DedupeWindow);
