using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Accounts;

/// <summary>Accounts and who owns which listener (<c>accounts</c>, <c>users.owner_account_id</c>, <c>users.visibility</c>;
/// migration 0014), with portable SQL on SQLite and PostgreSQL. Tokens, connected services, saved mixtapes and deleting an
/// account's data are in the other parts of this class.</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time.</remarks>
public sealed partial class AccountStore
{
    /// <summary>Issuer of accounts made with <c>sgr account add</c> (their subject is their name).</summary>
    public const string LocalIssuer = "local";

    private const string AccountColumns = "id, issuer, subject, email, name, is_admin, created_at";

    private readonly DbConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open, migrated connection (<see cref="SoundGraphStore.Connection"/>).</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="timeProvider">Clock for the stored times; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public AccountStore(DbConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? TimeProvider.System;
    }

    private string Now => StoreText.UtcTimestamp(_time.GetUtcNow());

    /// <summary>The account of (<paramref name="issuer"/>, <paramref name="subject"/>), created on first sign-in; its e-mail
    /// and name are updated to the provider's latest. The provider's tokens are not passed here: they are never stored.</summary>
    /// <exception cref="ArgumentException">The issuer, subject or name is blank.</exception>
    public async Task<AccountRow> SignInAsync(string issuer, string subject, string? email, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (issuer, subject, email, name, is_admin, created_at) VALUES (@issuer, @subject, @email, @name, 0, @now)
            ON CONFLICT (issuer, subject) DO UPDATE SET email = excluded.email, name = excluded.name
            """, new { issuer, subject, email, name, now = Now }, cancellationToken: ct)).ConfigureAwait(false);
        return (await FindAsync(issuer, subject, ct).ConfigureAwait(false))!;
    }

    /// <summary>Adds a local account (<see cref="LocalIssuer"/>, subject = <paramref name="name"/>).</summary>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    /// <exception cref="InvalidOperationException">A local account of that name exists.</exception>
    public async Task<AccountRow> AddLocalAsync(string name, string? email, bool isAdmin, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (await FindAsync(LocalIssuer, name, ct).ConfigureAwait(false) is not null)
        {
            throw new InvalidOperationException($"An account named '{name}' exists.");
        }

        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (issuer, subject, email, name, is_admin, created_at) VALUES (@LocalIssuer, @name, @email, @name, @admin, @now)",
            new { LocalIssuer, name, email, admin = isAdmin ? 1 : 0, now = Now }, cancellationToken: ct)).ConfigureAwait(false);
        return (await FindAsync(LocalIssuer, name, ct).ConfigureAwait(false))!;
    }

    /// <summary>The account of (<paramref name="issuer"/>, <paramref name="subject"/>), or null.</summary>
    public async Task<AccountRow?> FindAsync(string issuer, string subject, CancellationToken ct = default) =>
        (await QueryAccountsAsync("WHERE issuer = @issuer AND subject = @subject", new { issuer, subject }, ct).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>The account with id <paramref name="id"/>, or null.</summary>
    public async Task<AccountRow?> FindAsync(long id, CancellationToken ct = default) =>
        (await QueryAccountsAsync("WHERE id = @id", new { id }, ct).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Accounts matching <paramref name="query"/>: an id (<c>12</c> or <c>account:12</c>), else the exact e-mail
    /// (case-insensitive), subject or name. Several rows when a name or e-mail is shared.</summary>
    public async Task<IReadOnlyList<AccountRow>> MatchAsync(string query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim();
        var idText = text.StartsWith("account:", StringComparison.OrdinalIgnoreCase) ? text["account:".Length..] : text;
        if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await FindAsync(id, ct).ConfigureAwait(false) is { } byId ? [byId] : [];
        }

        return await QueryAccountsAsync("WHERE LOWER(email) = LOWER(@text) OR subject = @text OR name = @text", new { text }, ct).ConfigureAwait(false);
    }

    /// <summary>Every account, by id.</summary>
    public Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken ct = default) => QueryAccountsAsync(string.Empty, null, ct);

    /// <summary>Makes <paramref name="accountId"/> an admin or not. Returns false when there is no such account.</summary>
    public async Task<bool> SetAdminAsync(long accountId, bool isAdmin, CancellationToken ct = default) =>
        await _connection.ExecuteAsync(new CommandDefinition("UPDATE accounts SET is_admin = @admin WHERE id = @accountId",
            new { accountId, admin = isAdmin ? 1 : 0 }, cancellationToken: ct)).ConfigureAwait(false) == 1;

    /// <summary>Who owns listener <paramref name="userId"/> and whether it is private, or null when there is no such user.</summary>
    public async Task<ListenerOwnership?> ListenerAsync(long userId, CancellationToken ct = default) =>
        (await QueryListenersAsync("WHERE u.id = @userId", new { userId }, ct).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>The listeners <paramref name="accountId"/> owns: those with listens first, then by id.</summary>
    public Task<IReadOnlyList<ListenerOwnership>> OwnedListenersAsync(long accountId, CancellationToken ct = default) =>
        QueryListenersAsync(
            "WHERE u.owner_account_id = @accountId ORDER BY CASE WHEN EXISTS (SELECT 1 FROM listens l WHERE l.user_id = u.id) THEN 0 ELSE 1 END, u.id",
            new { accountId }, ct);

    /// <summary>Every listener that has listens, by id (single-user mode's dashboard picker).</summary>
    public Task<IReadOnlyList<ListenerOwnership>> ListenersWithListensAsync(CancellationToken ct = default) =>
        QueryListenersAsync("WHERE EXISTS (SELECT 1 FROM listens l WHERE l.user_id = u.id) ORDER BY u.id", null, ct);

    /// <summary>Of <paramref name="userIds"/>, those <paramref name="accountId"/> may not see: private listeners it does not
    /// own (all private ones for a null account). Admins see everything: do not call this for them.</summary>
    public Task<IReadOnlySet<long>> HiddenListenersAsync(IReadOnlyCollection<long> userIds, long? accountId, CancellationToken ct = default) =>
        HiddenAsync("SELECT u.id FROM users u WHERE u.id IN ({ids})", userIds, accountId, ct);

    /// <summary>The id of the user keyed <paramref name="key"/>, or null.</summary>
    public Task<long?> FindListenerByKeyAsync(string key, CancellationToken ct = default) =>
        _connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM users WHERE key = @key", new { key }, cancellationToken: ct));

    /// <summary>Of <paramref name="playlistIds"/>, those whose owner is a listener <paramref name="accountId"/> may not see
    /// (a private listener's playlists are its personal data). Admins see everything: do not call this for them.</summary>
    public Task<IReadOnlySet<long>> HiddenPlaylistsAsync(IReadOnlyCollection<long> playlistIds, long? accountId, CancellationToken ct = default) =>
        HiddenAsync("SELECT p.id FROM playlists p JOIN users u ON u.id = p.owner_user_id WHERE p.id IN ({ids})", playlistIds, accountId, ct);

    /// <summary>Renames listener <paramref name="userId"/> (users.name); false when there is no such user.</summary>
    public async Task<bool> RenameListenerAsync(long userId, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return await _connection.ExecuteAsync(new CommandDefinition("UPDATE users SET name = @name WHERE id = @userId", new { userId, name }, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives listener <paramref name="userId"/> to <paramref name="accountId"/> (null: to nobody).</summary>
    /// <returns>False when there is no such user.</returns>
    public async Task<bool> SetOwnerAsync(long userId, long? accountId, CancellationToken ct = default) =>
        await _connection.ExecuteAsync(new CommandDefinition("UPDATE users SET owner_account_id = @accountId WHERE id = @userId",
            new { userId, accountId }, cancellationToken: ct)).ConfigureAwait(false) == 1;

    /// <summary>Sets listener <paramref name="userId"/>'s visibility: <see cref="UserVisibility.Public"/>,
    /// <see cref="UserVisibility.Private"/>, or null for the default by source.</summary>
    /// <returns>False when there is no such user.</returns>
    /// <exception cref="ArgumentException"><paramref name="visibility"/> is another value.</exception>
    public async Task<bool> SetVisibilityAsync(long userId, string? visibility, CancellationToken ct = default)
    {
        if (visibility is not (null or UserVisibility.Public or UserVisibility.Private))
        {
            throw new ArgumentException($"Visibility must be '{UserVisibility.Public}' or '{UserVisibility.Private}' (got '{visibility}').", nameof(visibility));
        }

        return await _connection.ExecuteAsync(new CommandDefinition("UPDATE users SET visibility = @visibility WHERE id = @userId",
            new { userId, visibility }, cancellationToken: ct)).ConfigureAwait(false) == 1;
    }

    /// <summary>The listener that stands for <paramref name="accountId"/> itself (key <c>account:user:{id}</c>, private,
    /// owned by the account), created on first call with the account's name.</summary>
    public async Task<ListenerOwnership> OwnListenerAsync(long accountId, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = "account:user:" + accountId.ToString(CultureInfo.InvariantCulture);
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (key, name, owner_account_id) VALUES (@key, @name, @accountId) ON CONFLICT (key) DO NOTHING",
            new { key, name, accountId }, cancellationToken: ct)).ConfigureAwait(false);
        var id = await _connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT id FROM users WHERE key = @key", new { key }, cancellationToken: ct)).ConfigureAwait(false);
        return (await ListenerAsync(id, ct).ConfigureAwait(false))!;
    }

    /// <summary>The ids <paramref name="select"/> returns (its <c>{ids}</c> replaced by each chunk of 500 of
    /// <paramref name="ids"/>) whose listener <c>u</c> is private and not owned by <paramref name="accountId"/>.</summary>
    private async Task<IReadOnlySet<long>> HiddenAsync(string select, IReadOnlyCollection<long> ids, long? accountId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var hidden = new HashSet<long>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var rows = await _connection.QueryAsync<long>(new CommandDefinition(
                select.Replace("{ids}", string.Join(',', chunk), StringComparison.Ordinal)
                + $" AND {UserVisibility.PrivateSql("u")} AND (u.owner_account_id IS NULL OR u.owner_account_id <> @owner)",
                new { owner = accountId ?? -1 }, cancellationToken: ct)).ConfigureAwait(false);
            hidden.UnionWith(rows);
        }

        return hidden;
    }

    /// <summary>Listeners of the users row aliased <c>u</c> matching <paramref name="whereAndOrder"/>, with who owns them and
    /// whether they are private.</summary>
    private async Task<IReadOnlyList<ListenerOwnership>> QueryListenersAsync(string whereAndOrder, object? parameters, CancellationToken ct)
    {
        var rows = await _connection.QueryAsync<(long Id, string Key, string Name, long? Owner, string? Visibility)>(new CommandDefinition(
            "SELECT u.id, u.key, u.name, u.owner_account_id, u.visibility FROM users u " + whereAndOrder, parameters, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new ListenerOwnership(r.Id, r.Key, r.Name, r.Owner, UserVisibility.IsPrivate(r.Key, r.Visibility)))];
    }

    private async Task<IReadOnlyList<AccountRow>> QueryAccountsAsync(string where, object? parameters, CancellationToken ct)
    {
        var rows = await _connection.QueryAsync<(long Id, string Issuer, string Subject, string? Email, string Name, long Admin, string Created)>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM accounts {where} ORDER BY id", parameters, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new AccountRow(r.Id, r.Issuer, r.Subject, r.Email, r.Name, r.Admin != 0, Time(r.Created)))];
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset? TimeOrNull(string? text) => text is null ? null : Time(text);
}
