namespace Platform.EdgeAgent.Spool;

/// <summary>Puts one local file into the clip bucket under a key; writing the same key again replaces it.</summary>
public interface IObjectUploader
{
    Task UploadFileAsync(string path, string key, string contentType, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken);
}
