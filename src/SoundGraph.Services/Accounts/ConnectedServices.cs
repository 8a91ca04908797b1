using Microsoft.AspNetCore.DataProtection;
using SoundGraph.Storage.Accounts;

namespace SoundGraph.Services.Accounts;

/// <summary>What the API says about a connected service: the name only ("connected as …"), never the secret.</summary>
/// <param name="Service">"listenbrainz" or "lastfm".</param>
/// <param name="ConnectedAs">The user name on the service.</param>
/// <param name="HasSecret">Whether a token or session key is stored (encrypted).</param>
/// <param name="UpdatedAt">When it was set.</param>
public sealed record ConnectedServiceView(string Service, string ConnectedAs, bool HasSecret, DateTimeOffset UpdatedAt);

/// <summary>An account's connected services (a ListenBrainz user and token, a Last.fm user name and optional session key),
/// the secrets encrypted at rest with ASP.NET Core Data Protection (purpose <see cref="Purpose"/>; keys in the directory
/// the API is configured with, see docs/accounts.md). Secrets are decrypted only to call the service.</summary>
public sealed class ConnectedServices
{
    /// <summary>ListenBrainz (user name and user token).</summary>
    public const string ListenBrainz = "listenbrainz";

    /// <summary>Last.fm (user name; a session key when given).</summary>
    public const string LastFm = "lastfm";

    /// <summary>The Data Protection purpose string of the secrets.</summary>
    public const string Purpose = "SoundGraph.ConnectedServices.v1";

    private readonly AccountStore _store;
    private readonly IDataProtector _protector;

    /// <summary>Creates the service over <paramref name="store"/> with a protector from <paramref name="provider"/>.</summary>
    public ConnectedServices(AccountStore store, IDataProtectionProvider provider)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>Connects <paramref name="accountId"/> to <paramref name="service"/>, encrypting <paramref name="secret"/>; a
    /// null or blank secret keeps the one stored.</summary>
    /// <exception cref="ArgumentException">Unknown service, a blank or over-long user name (1–100), or a ListenBrainz
    /// connection without a token.</exception>
    public Task ConnectAsync(long accountId, string service, string userName, string? secret, CancellationToken ct = default)
    {
        if (service is not (ListenBrainz or LastFm))
        {
            throw new ArgumentException($"Unknown service '{service}': use '{ListenBrainz}' or '{LastFm}'.", nameof(service));
        }

        if (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 100)
        {
            throw new ArgumentException("The user name must be 1–100 characters.", nameof(userName));
        }

        return ConnectCoreAsync(accountId, service, userName.Trim(), secret, ct);
    }

    private async Task ConnectCoreAsync(long accountId, string service, string userName, string? secret, CancellationToken ct)
    {
        // No new secret keeps the stored one (the page sends none when the field is left blank).
        var stored = (await _store.ServicesAsync(accountId, ct).ConfigureAwait(false)).FirstOrDefault(s => s.Service == service)?.ProtectedSecret;
        var protectedSecret = string.IsNullOrWhiteSpace(secret) ? stored : _protector.Protect(secret.Trim());
        if (service == ListenBrainz && protectedSecret is null)
        {
            throw new ArgumentException("A ListenBrainz connection needs the user token (listenbrainz.org/settings).", nameof(secret));
        }

        await _store.SetServiceAsync(accountId, service, userName, protectedSecret, ct).ConfigureAwait(false);
    }

    /// <summary>The services <paramref name="accountId"/> is connected to, without secrets.</summary>
    public async Task<IReadOnlyList<ConnectedServiceView>> ListAsync(long accountId, CancellationToken ct = default) =>
        [.. (await _store.ServicesAsync(accountId, ct).ConfigureAwait(false)).Select(s => new ConnectedServiceView(s.Service, s.ConnectedAs, s.ProtectedSecret is not null, s.UpdatedAt))];

    /// <summary>The user name and decrypted secret of <paramref name="service"/> for <paramref name="accountId"/>, to call the
    /// service; null when not connected.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The keys that encrypted it are gone.</exception>
    public async Task<(string UserName, string? Secret)?> CredentialsAsync(long accountId, string service, CancellationToken ct = default)
    {
        var row = (await _store.ServicesAsync(accountId, ct).ConfigureAwait(false)).FirstOrDefault(s => s.Service == service);
        return row is null ? null : (row.ConnectedAs, row.ProtectedSecret is null ? null : _protector.Unprotect(row.ProtectedSecret));
    }

    /// <summary>Disconnects; false when it was not connected.</summary>
    public Task<bool> DisconnectAsync(long accountId, string service, CancellationToken ct = default) => _store.RemoveServiceAsync(accountId, service, ct);
}
