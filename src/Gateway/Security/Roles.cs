namespace Platform.Gateway.Security;

/// <summary>What a caller may do: viewers read, operators also record and edit rules and cameras, admins also manage keys.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];
}

/// <summary>Authorization policies by the least role they need; a higher role passes a lower policy.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
}

/// <summary>Claim types the gateway issues (API keys, the UI cookie) and reads from JWTs.</summary>
public static class PlatformClaims
{
    public const string Role = "role";

    /// <summary>A caller with this claim sees only that site.</summary>
    public const string Site = "site";

    /// <summary>The API key id, or the token subject: who to rate-limit and name in logs.</summary>
    public const string Caller = "sub";
}
