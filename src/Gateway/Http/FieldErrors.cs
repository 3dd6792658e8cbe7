namespace Platform.Gateway.Http;

/// <summary>Collects invalid fields of a request so that one 400 names all of them.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Id rules shared by every resource: ids appear in URLs, Kafka keys and S3 keys.</summary>
    public FieldErrors RequireId(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Required.");
        }

        if (!ResourceId.IsValid(value))
        {
            Add(field, ResourceId.Rule);
        }

        return this;
    }

    public FieldErrors RequireText(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
