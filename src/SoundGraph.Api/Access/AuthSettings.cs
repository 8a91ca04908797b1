using Microsoft.Extensions.Configuration;

namespace SoundGraph.Api.Access;

/// <summary>How the API authenticates: single-user mode (no identity provider: loopback only, the store's owner needs no
/// sign-in) or sign-in through an OpenID Connect provider with cookies and personal API tokens. From configuration
/// section <c>SoundGraph:Auth</c> (<c>Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>, <c>AdminEmails</c>) and
/// <c>SoundGraph:DataProtection:KeysDirectory</c>; see docs/accounts.md.</summary>
/// <param name="Authority">The provider's issuer URL (Google: https://accounts.google.com); null in single-user mode.</param>
/// <param name="ClientId">The OAuth client id registered with the provider.</param>
/// <param name="ClientSecret">The client secret (confidential client; PKCE is used as well).</param>
/// <param name="AdminEmails">E-mails (verified by the provider) whose accounts are admins on sign-in.</param>
/// <param name="KeysDirectory">Where ASP.NET Core Data Protection keeps its keys (they encrypt the cookies and connected
/// services' secrets); null: <c>~/.local/share/soundgraph/keys</c> (XDG data home).</param>
public sealed record AuthSettings(string? Authority, string? ClientId, string? ClientSecret, IReadOnlyList<string> AdminEmails, string? KeysDirectory)
{
    /// <summary>Configuration section.</summary>
    public const string Section = "SoundGraph:Auth";

    /// <summary>No provider: single-user mode.</summary>
    public static AuthSettings SingleUser { get; } = new(null, null, null, [], null);

    /// <summary>True when no identity provider is configured.</summary>
    public bool IsSingleUser => string.IsNullOrWhiteSpace(Authority);

    /// <summary>The keys directory actually used.</summary>
    public string KeysPath => Path.GetFullPath(KeysDirectory is { Length: > 0 } dir ? dir : Path.Combine(
        Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"),
        "soundgraph", "keys"));

    /// <summary>Reads the settings.</summary>
    /// <exception cref="InvalidOperationException">An authority is set without a client id or secret, or is not an absolute
    /// https URL (http only for a loopback provider, as in tests).</exception>
    public static AuthSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var authority = section["Authority"];
        var admins = (section["AdminEmails"] ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var settings = new AuthSettings(string.IsNullOrWhiteSpace(authority) ? null : authority.Trim(), section["ClientId"], section["ClientSecret"], admins,
            configuration["SoundGraph:DataProtection:KeysDirectory"]);
        if (settings.IsSingleUser)
        {
            return settings;
        }

        if (string.IsNullOrWhiteSpace(settings.ClientId) || string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            throw new InvalidOperationException($"{Section}:Authority is set but {Section}:ClientId or {Section}:ClientSecret is missing.");
        }

        if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new InvalidOperationException($"{Section}:Authority must be an https:// URL (http:// only for a provider on loopback).");
        }

        return settings;
    }
}
