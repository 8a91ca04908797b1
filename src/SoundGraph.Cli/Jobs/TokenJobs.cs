using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Services.Accounts;
using SoundGraph.Storage;
using SoundGraph.Storage.Accounts;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary><c>sgr token create|list|revoke</c>: an account's personal API tokens over <see cref="PersonalTokens"/> and
/// <see cref="AccountStore"/>. The secret is written once, to standard output by <see cref="CreateAsync"/>, and nowhere
/// else (not to standard error, not to the store, which keeps only its SHA-256).</summary>
public static class TokenJobs
{
    /// <summary>Fewest days a token lasts.</summary>
    public const int MinDays = 1;

    /// <summary>Most days a token lasts (<see cref="PersonalTokens.MaxLifetime"/>).</summary>
    public static readonly int MaxDays = (int)PersonalTokens.MaxLifetime.TotalDays;

    /// <summary>Days a token lasts without <c>--days</c> (<see cref="PersonalTokens.DefaultLifetime"/>).</summary>
    public static readonly int DefaultDays = (int)PersonalTokens.DefaultLifetime.TotalDays;

    /// <summary>Checks <c>--days</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="days"/> is outside <see cref="MinDays"/>–<see cref="MaxDays"/>.</exception>
    public static void ValidateDays(int days)
    {
        if (days < MinDays || days > MaxDays)
        {
            throw new ArgumentException($"--days must be {MinDays}–{MaxDays} (got {days.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    /// <summary><c>sgr token create</c>: creates a token and prints it once, with how to use it.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the account is unknown or ambiguous.</returns>
    /// <exception cref="ArgumentException">Days out of range, or the name blank or over 100 characters.</exception>
    public static async Task<int> CreateAsync(CliContext context, SoundGraphStore store, string accountQuery, string name, bool write, int days, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ValidateDays(days);
        if (await AccountQuery.ResolveAsync(context, store.Accounts, accountQuery, ct).ConfigureAwait(false) is not { } account)
        {
            return CliApp.NeedsChoice;
        }

        var created = await PersonalTokens.CreateAsync(store.Accounts, account.Id, name, write, TimeSpan.FromDays(days), TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
        var t = created.Row;
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { t.Id, accountId = t.AccountId, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, token = created.Secret }));
            return 0;
        }

        w.WriteLine($"Created token {t.Id} \"{t.Name}\" of {AccountQuery.Label(account)}: scopes {t.Scopes}, expires {Utc(t.ExpiresAt)} UTC.");
        w.WriteLine(created.Secret);
        w.WriteLine("This is the only time the token is shown (the store keeps only its hash): copy it now. " +
            "Send it as the header `Authorization: Bearer <token>`.");
        return 0;
    }

    /// <summary><c>sgr token list</c>: the account's tokens, newest first, with their status; never a secret.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the account is unknown or ambiguous.</returns>
    public static async Task<int> ListAsync(CliContext context, SoundGraphStore store, string accountQuery, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (await AccountQuery.ResolveAsync(context, store.Accounts, accountQuery, ct).ConfigureAwait(false) is not { } account)
        {
            return CliApp.NeedsChoice;
        }

        var tokens = await store.Accounts.TokensAsync(account.Id, ct).ConfigureAwait(false);
        var now = TimeProvider.System.GetUtcNow();
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(tokens.Select(t => new { t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, status = t.Status(now) })));
            return 0;
        }

        if (tokens.Count == 0)
        {
            w.WriteLine($"{AccountQuery.Label(account)} has no tokens. Create one: sgr token create --account account:{account.Id} --name NAME [--write] [--days {DefaultDays}]");
            return 0;
        }

        var table = new Table().Title(Markup.Escape($"tokens of {AccountQuery.Label(account)} (UTC)")).AddColumn(new TableColumn("id").RightAligned())
            .AddColumn("name").AddColumn("prefix").AddColumn("scopes").AddColumn("created").AddColumn("expires").AddColumn("last used").AddColumn("status");
        foreach (var t in tokens)
        {
            table.AddRow(t.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.Name), Markup.Escape(t.Prefix + "…"), t.Scopes, Utc(t.CreatedAt), Utc(t.ExpiresAt),
                t.LastUsedAt is { } used ? Utc(used) : "never", t.Status(now));
        }

        context.Console.Write(table);
        return 0;
    }

    /// <summary><c>sgr token revoke --account ACCOUNT ID</c>.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the account is unknown or ambiguous.</returns>
    /// <exception cref="InvalidOperationException">The account has no active token <paramref name="tokenId"/>.</exception>
    public static async Task<int> RevokeAsync(CliContext context, SoundGraphStore store, string accountQuery, long tokenId, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (await AccountQuery.ResolveAsync(context, store.Accounts, accountQuery, ct).ConfigureAwait(false) is not { } account)
        {
            return CliApp.NeedsChoice;
        }

        if (!await store.Accounts.RevokeTokenAsync(account.Id, tokenId, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{AccountQuery.Label(account)} has no active token {tokenId} (see `sgr token list --account account:{account.Id}`).");
        }

        var w = context.Console.Profile.Out.Writer;
        w.WriteLine(json
            ? ReportJson.Serialize(new { accountId = account.Id, tokenId, revoked = true })
            : $"Revoked token {tokenId} of {AccountQuery.Label(account)}: it is refused from now on.");
        return 0;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
