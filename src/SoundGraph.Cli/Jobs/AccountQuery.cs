using SoundGraph.Storage.Accounts;

namespace SoundGraph.Cli.Jobs;

/// <summary>Resolves the ACCOUNT of <c>sgr account …</c> and <c>sgr token …</c> with <see cref="AccountStore.MatchAsync"/>
/// (id, <c>account:ID</c>, e-mail, subject or name) and names accounts the same way in every message.</summary>
internal static class AccountQuery
{
    /// <summary>The one account matching <paramref name="query"/>, or null after writing one "error: …" line to standard
    /// error: none matches (the line names the query), or several do (the line lists them as <c>account:ID</c>). The
    /// caller then returns <see cref="CliApp.NeedsChoice"/>.</summary>
    public static async Task<AccountRow?> ResolveAsync(CliContext context, AccountStore accounts, string query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(accounts);
        var matches = await accounts.MatchAsync(query, ct).ConfigureAwait(false);
        if (matches.Count == 1)
        {
            return matches[0];
        }

        await context.Error.WriteLineAsync(matches.Count == 0
            ? $"error: No account matches '{query}': give its id (account:12), e-mail or name (see `sgr account list`)."
            : $"error: '{query}' matches {matches.Count} accounts: {string.Join(", ", matches.Select(Label))}; give one as account:ID.").ConfigureAwait(false);
        return null;
    }

    /// <summary>"lea (account:3)": how messages name an account.</summary>
    public static string Label(AccountRow account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return $"{account.Name} (account:{account.Id})";
    }
}
