namespace SoundGraph.Api.Access;

/// <summary>Authentication scheme names.</summary>
public static class SchemeNames
{
    /// <summary>The default (policy) scheme: a Bearer token, else the cookie session, else single-user loopback.</summary>
    public const string Default = "SoundGraph";

    /// <summary>Single-user mode: a loopback request with a loopback Host is the store's owner.</summary>
    public const string Local = "Local";

    /// <summary>Personal API tokens (<c>Authorization: Bearer sgr_…</c>).</summary>
    public const string Token = "PersonalToken";

    /// <summary>The session cookie set after sign-in.</summary>
    public const string Cookie = "Cookies";

    /// <summary>OpenID Connect sign-in.</summary>
    public const string Oidc = "oidc";
}
