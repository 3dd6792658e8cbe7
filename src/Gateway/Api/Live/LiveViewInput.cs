namespace Platform.Gateway.Api.Live;

/// <summary>Who watches: an id the player makes up once per open player (a browser tab), sent with every renewal.</summary>
public sealed record LiveViewInput(string? ViewerId);
