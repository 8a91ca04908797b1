using Dapper;

namespace SoundGraph.Storage.Accounts;

/// <summary>Deleting an account's personal data ("delete my data").</summary>
public sealed partial class AccountStore
{
    /// <summary>Tables emptied of the account's listeners' rows, in deletion order (column: user_id unless noted).</summary>
    private static readonly (string Table, string Where)[] ListenerTables =
    [
        ("listens", "user_id IN ({owned})"),
        ("taste_labels", "user_id IN ({owned})"),
        ("saved_mixtapes", "user_id IN ({owned})"),
        ("taste_weeks", "user_id IN ({owned})"),
        ("taste_week_totals", "user_id IN ({owned})"),
        ("taste_changes", "user_id IN ({owned})"),
        ("taste_state", "user_id IN ({owned})"),
        ("engagements", "user_id IN ({owned})"),
        ("user_follows", "follower_id IN ({owned}) OR followee_id IN ({owned})"),
    ];

    /// <summary>Deletes, in one transaction, the personal data of <paramref name="accountId"/>: every row of the listeners
    /// it owns in <c>listens</c>, <c>taste_labels</c>, <c>saved_mixtapes</c>, the taste aggregates (<c>taste_*</c>),
    /// <c>engagements</c> and <c>user_follows</c>, and its <c>api_tokens</c> and <c>connected_services</c>. The account
    /// and its (now empty) listeners stay, so a later sign-in finds them; playlists and the relations built from them are
    /// catalog data and stay. A fault rolls everything back.</summary>
    public async Task<AccountDataDeletion> DeleteAccountDataAsync(long accountId, CancellationToken ct = default)
    {
        const string owned = "SELECT id FROM users WHERE owner_account_id = @accountId";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var (table, where) in ListenerTables)
        {
            counts[table] = await _connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE " + where.Replace("{owned}", owned, StringComparison.Ordinal), new { accountId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        counts["api_tokens"] = await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM api_tokens WHERE account_id = @accountId", new { accountId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        counts["connected_services"] = await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM connected_services WHERE account_id = @accountId", new { accountId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new AccountDataDeletion(counts);
    }
}
