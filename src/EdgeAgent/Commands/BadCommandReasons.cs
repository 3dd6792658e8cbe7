namespace Platform.EdgeAgent.Commands;

/// <summary>Stable metric tag values for <see cref="BadCommandReason"/>.</summary>
internal static class BadCommandReasons
{
    public static string Tag(BadCommandReason reason) => reason switch
    {
        BadCommandReason.NotJson => "not-json",
        BadCommandReason.Malformed => "malformed",
        BadCommandReason.UnknownCommand => "unknown-command",
        BadCommandReason.UnknownCamera => "unknown-camera",
        BadCommandReason.EndBeforeStart => "end-before-start",
        BadCommandReason.TooLong => "too-long",
        BadCommandReason.OlderThanCache => "older-than-cache",
        BadCommandReason.StartTooFarAhead => "start-too-far-ahead",
        _ => "other",
    };
}
