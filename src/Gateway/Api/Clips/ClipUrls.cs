namespace Platform.Gateway.Api.Clips;

/// <summary>The gateway URLs of a clip's bytes; ids are <see cref="Http.ResourceId"/>-valid, so they need no escaping.</summary>
public static class ClipUrls
{
    public static string Content(string id) => $"/api/clips/{id}/content";

    public static string Thumbnail(string id) => $"/api/clips/{id}/thumbnail";
}
