using System.Security.Cryptography;

namespace Platform.LocalPlatform;

/// <summary>A fresh admin key in the gateway's format ("pk_{id}_{secret}") for the gateway's bootstrap setting.</summary>
internal static class ApiKeys
{
    public static string NewAdminKey() =>
        $"pk_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";
}
