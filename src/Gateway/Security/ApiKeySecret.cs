using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Gateway.Security;

/// <summary>
/// An API key as shown to its owner: "pk_{id}_{secret}". The id finds the row; only SHA-256 of the whole key is
/// stored. A fast hash is enough because the secret is 256 random bits (nothing to brute-force), unlike a password.
/// </summary>
public sealed record ApiKeySecret(string Id, string Value)
{
    private const string Prefix = "pk_";

    public static ApiKeySecret Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new(id, $"{Prefix}{id}_{secret}");
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out ApiKeySecret? key)
    {
        key = null;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > 200)
        {
            return false;
        }

        var separator = value.IndexOf('_', Prefix.Length);
        if (separator <= Prefix.Length || separator == value.Length - 1)
        {
            return false;
        }

        key = new(value[Prefix.Length..separator], value);
        return true;
    }

    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Value));

    /// <summary>Constant-time, so that response timing does not reveal how much of a guess matched.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
