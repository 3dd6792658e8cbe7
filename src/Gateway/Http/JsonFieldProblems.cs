using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Gateway.Http;

/// <summary>
/// Every field of a JSON body that cannot become its declared type, each with its path and what it must be in plain
/// words ("cooldown": Must be a duration such as "00:00:30"). The serializer stops at the first such field and names
/// the enclosing .NET type; this walks the body along the contract's own metadata (polymorphic "type"s included)
/// and tries each leaf alone, so that one 400 lists them all.
/// </summary>
public static class JsonFieldProblems
{
    public static Dictionary<string, string[]> Find(JsonElement body, JsonTypeInfo type)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Walk(body, type, "", problems);
        return problems;
    }

    private static void Walk(JsonElement value, JsonTypeInfo type, string path, Dictionary<string, string[]> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return; // a missing value is the validator's to name ("Required."), with the rules of that field
        }

        if (type.PolymorphismOptions is { } polymorphism)
        {
            WalkPolymorphic(value, type, polymorphism, path, problems);
            return;
        }

        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when value.ValueKind != JsonValueKind.Object:
                Add(problems, path, "Must be an object ({ … }).");
                break;
            case JsonTypeInfoKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (type.Properties.FirstOrDefault(p => p.Name == property.Name) is { } declared)
                    {
                        Walk(property.Value, type.Options.GetTypeInfo(declared.PropertyType), Join(path, property.Name), problems);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when value.ValueKind != JsonValueKind.Array:
                Add(problems, path, "Must be a list ([ … ]).");
                break;
            case JsonTypeInfoKind.Enumerable when type.ElementType is { } element:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, type.Options.GetTypeInfo(element), $"{path}[{index++}]", problems);
                }

                break;
            case JsonTypeInfoKind.None:
                if (!Converts(value, type))
                {
                    Add(problems, path, Expected(type));
                }

                break;
        }
    }

    private static void WalkPolymorphic(JsonElement value, JsonTypeInfo type, JsonPolymorphismOptions polymorphism, string path,
        Dictionary<string, string[]> problems)
    {
        var discriminator = polymorphism.TypeDiscriminatorPropertyName;
        var known = polymorphism.DerivedTypes.Where(d => d.TypeDiscriminator is string).ToList();
        var names = string.Join(", ", known.Select(d => d.TypeDiscriminator));
        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(problems, path, $"Must be an object with a \"{discriminator}\": one of {names}.");
            return;
        }

        var given = value.TryGetProperty(discriminator, out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        // JsonDerivedType is a struct: look for the index, not a default.
        var match = known.FindIndex(d => (string)d.TypeDiscriminator! == given);
        if (match >= 0)
        {
            Walk(value, type.Options.GetTypeInfo(known[match].DerivedType), path, problems);
        }
        else
        {
            Add(problems, Join(path, discriminator), given is null ? $"Required: one of {names}." : $"Unknown \"{given}\"; one of {names}.");
        }
    }

    private static bool Converts(JsonElement value, JsonTypeInfo type)
    {
        try
        {
            JsonSerializer.Deserialize(value, type);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>What a value of this type looks like, for people writing the JSON by hand.</summary>
    private static string Expected(JsonTypeInfo type)
    {
        var target = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (target.IsEnum)
        {
            var names = Enum.GetValues(target).Cast<object>().Select(v => JsonSerializer.Serialize(v, target, type.Options)).Distinct();
            return $"Must be one of {string.Join(", ", names)}.";
        }

        return Type.GetTypeCode(target) switch
        {
            TypeCode.Boolean => "Must be true or false.",
            TypeCode.String => "Must be a string.",
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte
                => "Must be a whole number.",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "Must be a number.",
            _ when target == typeof(TimeSpan) => "Must be a duration such as \"00:00:30\" (hours:minutes:seconds) or \"1.00:00:00\" (a day).",
            _ when target == typeof(DateTimeOffset) || target == typeof(DateTime) => "Must be a time such as \"2026-12-07T10:00:00Z\".",
            _ when target == typeof(TimeOnly) => "Must be a time of day such as \"08:30\".",
            _ => "Must be a string.",
        };
    }

    private static void Add(Dictionary<string, string[]> problems, string path, string message) =>
        problems[path.Length == 0 ? "$" : path] = [message];

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
