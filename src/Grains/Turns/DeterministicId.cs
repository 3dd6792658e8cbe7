using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Turns;

/// <summary>
/// Ids that a replay reproduces: "{kind}_{26 base32 characters}" from SHA-256 over the parts (grain id, rule
/// or purpose, source position). 130 bits make a collision practically impossible while keeping ids short
/// enough for Kafka keys and database columns; the kind prefix makes an id readable in logs.
/// </summary>
public static class DeterministicId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Characters = 26;

    public static string Create(string kind, params ReadOnlySpan<string> parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);

        // Length-prefix every part so that ("ab", "c") and ("a", "bc") never hash alike.
        var text = new StringBuilder(kind.Length + 64).Append(kind);
        foreach (var part in parts)
        {
            text.Append('|').Append(part.Length).Append(':').Append(part);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);

        Span<char> id = stackalloc char[kind.Length + 1 + Characters];
        kind.AsSpan().CopyTo(id);
        id[kind.Length] = '_';
        for (var i = 0; i < Characters; i++)
        {
            // Five bits per character, read across byte boundaries.
            var bit = i * 5;
            var value = (((hash[bit / 8] << 8) | hash[(bit / 8) + 1]) >> (11 - (bit % 8))) & 0x1F;
            id[kind.Length + 1 + i] = Alphabet[value];
        }

        return new string(id);
    }

    public static string Create(string kind, string grain, string purpose, SourcePosition source) =>
        Create(kind, grain, purpose, source.Topic, source.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture),
            source.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
