using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Platform.Grains.Json;

namespace Platform.Silo.Storage;

/// <summary>
/// Grain state as bytes: System.Text.Json with the grains' source-generated context (fast, and readable in the
/// database for people). A state type the context does not know is a programming error, reported at its first write.
/// </summary>
public sealed class GrainStateCodec
{
    public byte[] Write<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Info<T>());

    public T Read<T>(byte[] bytes) => JsonSerializer.Deserialize(bytes, Info<T>())
        ?? throw new JsonException($"The stored {typeof(T).Name} is null.");

    private static JsonTypeInfo<T> Info<T>() =>
        GrainStateJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not in GrainStateJsonContext: add it there to store it.");
}
