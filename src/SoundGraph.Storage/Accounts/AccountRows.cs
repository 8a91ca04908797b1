namespace SoundGraph.Storage.Accounts;

/// <summary>A row of <c>accounts</c> (migration 0014): a person who signs in, or one made by <c>sgr account add</c>.</summary>
/// <param name="Id">accounts.id.</param>
/// <param name="Issuer">The OpenID Connect issuer, or <see cref="AccountStore.LocalIssuer"/>.</param>
/// <param name="Subject">The provider's <c>sub</c> claim (for a local account, its name).</param>
/// <param name="Email">The e-mail the provider gave, if any.</param>
/// <param name="Name">Display name.</param>
/// <param name="IsAdmin">Admins read and write every listener's data and run the pipeline's jobs.</param>
/// <param name="CreatedAt">When the account was created (UTC, to the second).</param>
public sealed record AccountRow(long Id, string Issuer, string Subject, string? Email, string Name, bool IsAdmin, DateTimeOffset CreatedAt);

/// <summary>A personal API token as its owner sees it: never the secret, which is not stored (only its SHA-256).</summary>
/// <param name="Id">api_tokens.id.</param>
/// <param name="AccountId">The owner.</param>
/// <param name="Name">The owner's name for it.</param>
/// <param name="Prefix">The token's first characters, to tell tokens apart.</param>
/// <param name="Scopes">"read" or "read write".</param>
/// <param name="CreatedAt">Creation time (UTC).</param>
/// <param name="ExpiresAt">After this instant the token is refused.</param>
/// <param name="LastUsedAt">Last successful use, if any.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record ApiTokenRow(
    long Id, long AccountId, string Name, string Prefix, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the token may be used at <paramref name="now"/>: not revoked, not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>The token's state at <paramref name="now"/>, as lists show it: "revoked" (whether or not it has also
    /// expired since), else "expired" (at or after <see cref="ExpiresAt"/>), else "active".</summary>
    public string Status(DateTimeOffset now) => RevokedAt is not null ? "revoked" : now >= ExpiresAt ? "expired" : "active";

    /// <summary>Whether <see cref="Scopes"/> includes <paramref name="scope"/> ("read" or "write").</summary>
    public bool HasScope(string scope) => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal);
}

/// <summary>A row of <c>connected_services</c>: the name an account is connected as on a service and the secret, still
/// encrypted (Data Protection; the store never sees the clear text).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Service">"listenbrainz" or "lastfm".</param>
/// <param name="ConnectedAs">The user name on the service (shown).</param>
/// <param name="ProtectedSecret">The encrypted token or session key; null when the service needs none.</param>
/// <param name="UpdatedAt">When it was last set.</param>
public sealed record ConnectedServiceRow(long AccountId, string Service, string ConnectedAs, string? ProtectedSecret, DateTimeOffset UpdatedAt);

/// <summary>Who may see a listener: its key, owner and whether it is private (<see cref="UserVisibility"/>).</summary>
/// <param name="UserId">users.id.</param>
/// <param name="Key">users.key.</param>
/// <param name="Name">users.name.</param>
/// <param name="OwnerAccountId">The owning account; null: nobody.</param>
/// <param name="IsPrivate">True when only its owner (and admins) may read it.</param>
public sealed record ListenerOwnership(long UserId, string Key, string Name, long? OwnerAccountId, bool IsPrivate);

/// <summary>A mixtape saved for a listener (<c>saved_mixtapes</c>).</summary>
/// <param name="Id">saved_mixtapes.id.</param>
/// <param name="UserId">The listener.</param>
/// <param name="Week">ISO week it was made for.</param>
/// <param name="Title">Its title.</param>
/// <param name="Jspf">The JSPF document.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record SavedMixtapeRow(long Id, long UserId, string Week, string Title, string Jspf, DateTimeOffset CreatedAt);

/// <summary>What deleting an account's data removed, per table (rows).</summary>
/// <param name="Counts">Rows deleted per table name; every table is listed, with 0 when nothing was there.</param>
public sealed record AccountDataDeletion(IReadOnlyDictionary<string, int> Counts)
{
    /// <summary>Rows deleted in all.</summary>
    public int Total => Counts.Values.Sum();
}
