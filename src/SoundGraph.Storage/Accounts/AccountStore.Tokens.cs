using Dapper;

namespace SoundGraph.Storage.Accounts;

/// <summary>Personal API tokens (<c>api_tokens</c>): only the SHA-256 of each secret is stored; hashing and generating
/// the secret are the caller's (SoundGraph.Services <c>PersonalTokens</c>).</summary>
public sealed partial class AccountStore
{
    private const string TokenColumns = "id, account_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at";

    /// <summary>Stores a new token of <paramref name="accountId"/> and returns it.</summary>
    /// <param name="accountId">The owner.</param>
    /// <param name="name">The owner's name for it.</param>
    /// <param name="tokenHash">Lower-case hex SHA-256 of the secret.</param>
    /// <param name="prefix">The secret's first characters (shown in lists).</param>
    /// <param name="scopes">"read" or "read write".</param>
    /// <param name="expiresAt">Expiry instant.</param>
    /// <param name="ct">Cancels the statement.</param>
    public async Task<ApiTokenRow> AddTokenAsync(long accountId, string name, string tokenHash, string prefix, string scopes, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        var id = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO api_tokens (account_id, name, token_hash, prefix, scopes, created_at, expires_at)
            VALUES (@accountId, @name, @tokenHash, @prefix, @scopes, @now, @expires) RETURNING id
            """, new { accountId, name, tokenHash, prefix, scopes, now = Now, expires = StoreText.UtcTimestamp(expiresAt) }, cancellationToken: ct)).ConfigureAwait(false);
        return (await QueryTokensAsync("WHERE id = @id", new { id }, ct).ConfigureAwait(false)).Single();
    }

    /// <summary>The tokens of <paramref name="accountId"/>, revoked and expired ones included, newest first.</summary>
    public Task<IReadOnlyList<ApiTokenRow>> TokensAsync(long accountId, CancellationToken ct = default) =>
        QueryTokensAsync("WHERE account_id = @accountId", new { accountId }, ct);

    /// <summary>The token whose secret hashes to <paramref name="tokenHash"/> (active or not), or null.</summary>
    public async Task<ApiTokenRow?> FindTokenAsync(string tokenHash, CancellationToken ct = default) =>
        (await QueryTokensAsync("WHERE token_hash = @tokenHash", new { tokenHash }, ct).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Revokes token <paramref name="tokenId"/> of <paramref name="accountId"/> (another account's token is not
    /// touched). Returns false when the account has no such active token.</summary>
    public async Task<bool> RevokeTokenAsync(long accountId, long tokenId, CancellationToken ct = default) =>
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @tokenId AND account_id = @accountId AND revoked_at IS NULL",
            new { tokenId, accountId, now = Now }, cancellationToken: ct)).ConfigureAwait(false) == 1;

    /// <summary>Records that token <paramref name="tokenId"/> was used now.</summary>
    public Task TouchTokenAsync(long tokenId, CancellationToken ct = default) =>
        _connection.ExecuteAsync(new CommandDefinition("UPDATE api_tokens SET last_used_at = @now WHERE id = @tokenId", new { tokenId, now = Now }, cancellationToken: ct));

    private async Task<IReadOnlyList<ApiTokenRow>> QueryTokensAsync(string where, object parameters, CancellationToken ct)
    {
        var rows = await _connection.QueryAsync<(long Id, long Account, string Name, string Prefix, string Scopes, string Created, string Expires, string? Used, string? Revoked)>(
            new CommandDefinition($"SELECT {TokenColumns} FROM api_tokens {where} ORDER BY id DESC", parameters, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new ApiTokenRow(r.Id, r.Account, r.Name, r.Prefix, r.Scopes, Time(r.Created), Time(r.Expires), TimeOrNull(r.Used), TimeOrNull(r.Revoked)))];
    }
}
