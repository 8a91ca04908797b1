using Dapper;

namespace SoundGraph.Storage.Accounts;

/// <summary>Connected services (<c>connected_services</c>) and saved mixtapes (<c>saved_mixtapes</c>).</summary>
public sealed partial class AccountStore
{
    /// <summary>Connects <paramref name="accountId"/> to <paramref name="service"/> as <paramref name="connectedAs"/>,
    /// replacing an earlier connection. <paramref name="protectedSecret"/> must already be encrypted.</summary>
    public Task SetServiceAsync(long accountId, string service, string connectedAs, string? protectedSecret, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectedAs);
        return _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO connected_services (account_id, service, connected_as, protected_secret, updated_at) VALUES (@accountId, @service, @connectedAs, @protectedSecret, @now)
            ON CONFLICT (account_id, service) DO UPDATE SET connected_as = excluded.connected_as, protected_secret = excluded.protected_secret, updated_at = excluded.updated_at
            """, new { accountId, service, connectedAs, protectedSecret, now = Now }, cancellationToken: ct));
    }

    /// <summary>The services <paramref name="accountId"/> is connected to, by service name.</summary>
    public async Task<IReadOnlyList<ConnectedServiceRow>> ServicesAsync(long accountId, CancellationToken ct = default)
    {
        var rows = await _connection.QueryAsync<(long Account, string Service, string As, string? Secret, string Updated)>(new CommandDefinition(
            "SELECT account_id, service, connected_as, protected_secret, updated_at FROM connected_services WHERE account_id = @accountId ORDER BY service",
            new { accountId }, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new ConnectedServiceRow(r.Account, r.Service, r.As, r.Secret, Time(r.Updated)))];
    }

    /// <summary>Disconnects <paramref name="accountId"/> from <paramref name="service"/>; false when it was not connected.</summary>
    public async Task<bool> RemoveServiceAsync(long accountId, string service, CancellationToken ct = default) =>
        await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM connected_services WHERE account_id = @accountId AND service = @service",
            new { accountId, service }, cancellationToken: ct)).ConfigureAwait(false) == 1;

    /// <summary>Saves a mixtape made for listener <paramref name="userId"/>; returns its id.</summary>
    public Task<long> SaveMixtapeAsync(long userId, string week, string title, string jspf, CancellationToken ct = default) =>
        _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO saved_mixtapes (user_id, week, title, jspf, created_at) VALUES (@userId, @week, @title, @jspf, @now) RETURNING id",
            new { userId, week, title, jspf, now = Now }, cancellationToken: ct));

    /// <summary>The mixtapes saved for <paramref name="userId"/>, newest first.</summary>
    public async Task<IReadOnlyList<SavedMixtapeRow>> MixtapesAsync(long userId, CancellationToken ct = default)
    {
        var rows = await _connection.QueryAsync<(long Id, long User, string Week, string Title, string Jspf, string Created)>(new CommandDefinition(
            "SELECT id, user_id, week, title, jspf, created_at FROM saved_mixtapes WHERE user_id = @userId ORDER BY id DESC", new { userId }, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new SavedMixtapeRow(r.Id, r.User, r.Week, r.Title, r.Jspf, Time(r.Created)))];
    }
}
