using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Interfaces.Edge;

/// <summary>
/// Seals an RTSP password for one agent with that agent's config key (AES-256-GCM), so that `edge.config`, which every
/// agent may read, gives the password to its owner only. The agent id and camera id are bound in as associated data:
/// a sealed password copied into another camera's or agent's entry does not open.
/// Sealed form: base64(nonce 12 bytes | tag 16 bytes | ciphertext).
/// </summary>
public static class EdgeSecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    /// <summary>A new random config key, base64 (what an agent is given once, at registration).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>True if <paramref name="key"/> is base64 of 32 bytes.</summary>
    public static bool IsKey(string? key)
    {
        Span<byte> bytes = stackalloc byte[KeySize + 3];
        return key is not null && Convert.TryFromBase64String(key, bytes, out var written) && written == KeySize;
    }

    public static string Seal(string key, string agentId, string cameraId, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyBytes(key), TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Context(agentId, cameraId));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret, or null when <paramref name="sealedSecret"/> was not sealed with this key for this agent and camera.</summary>
    public static string? Open(string key, string agentId, string cameraId, string sealedSecret)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedSecret);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(KeyBytes(key), TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
                Context(agentId, cameraId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] KeyBytes(string key) =>
        IsKey(key) ? Convert.FromBase64String(key) : throw new ArgumentException("A config key is base64 of 32 bytes.", nameof(key));

    private static byte[] Context(string agentId, string cameraId) => Encoding.UTF8.GetBytes($"{agentId}/{cameraId}");
}
