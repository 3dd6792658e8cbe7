using System.Text.Json.Serialization;

namespace Platform.Silo.Storage;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
