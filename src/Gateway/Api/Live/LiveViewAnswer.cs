namespace Platform.Gateway.Api.Live;

/// <summary>
/// The live view of a camera for one viewer. <c>state</c>: <c>starting</c> (the agent was asked; no playlist yet),
/// <c>live</c> (the playlist is fresh), <c>reconnecting</c> (the playlist stopped changing: the agent lost the camera
/// or the store), <c>unavailable</c> (no stream: <c>reason</c> says why).
/// </summary>
/// <param name="PlaylistUrl">The HLS playlist through the gateway, valid while this stream runs; null when unavailable.</param>
/// <param name="RenewAfterSeconds">Watch again after this many seconds, or the stream stops.</param>
public sealed record LiveViewAnswer(string State, string? Reason, string? StreamId, string? PlaylistUrl, int Viewers, int RenewAfterSeconds);
