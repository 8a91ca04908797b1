using SoundGraph.Cli.Rendering;
using SoundGraph.Storage;
using SoundGraph.Storage.Accounts;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary><c>sgr account add|list|admin|delete-data</c> over <see cref="AccountStore"/>: the accounts themselves. Who
/// owns and may see a listener is in <see cref="ListenerAccessJobs"/>.</summary>
public static class AccountJobs
{
    /// <summary><c>sgr account add</c>: creates a local account and prints its id.</summary>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    /// <exception cref="InvalidOperationException">A local account of that name exists.</exception>
    public static async Task<int> AddAsync(CliContext context, SoundGraphStore store, string name, string? email, bool admin, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var account = await store.Accounts.AddLocalAsync(name, email, admin, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(account));
            return 0;
        }

        w.WriteLine($"Created local account {AccountQuery.Label(account)}{(account.IsAdmin ? ", an admin" : string.Empty)}.");
        w.WriteLine($"Give it a listener: sgr account owner --user USER account:{account.Id}; a token: sgr token create --account account:{account.Id} --name NAME");
        return 0;
    }

    /// <summary><c>sgr account list</c>: every account with its issuer and the number of listeners it owns.</summary>
    public static async Task<int> ListAsync(CliContext context, SoundGraphStore store, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<(AccountRow Account, int Listeners)>();
        foreach (var account in await store.Accounts.ListAsync(ct).ConfigureAwait(false))
        {
            rows.Add((account, (await store.Accounts.OwnedListenersAsync(account.Id, ct).ConfigureAwait(false)).Count));
        }

        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(rows.Select(r => new
            {
                r.Account.Id, r.Account.Name, r.Account.Email, r.Account.IsAdmin, r.Account.Issuer, r.Account.Subject, r.Account.CreatedAt, listeners = r.Listeners,
            })));
            return 0;
        }

        if (rows.Count == 0)
        {
            w.WriteLine("No accounts yet. Create one: sgr account add NAME [--email E] [--admin] (or sign in on `sgr serve` with an identity provider).");
            return 0;
        }

        var table = new Table().AddColumn("id").AddColumn("name").AddColumn("e-mail").AddColumn("admin").AddColumn("issuer")
            .AddColumn(new TableColumn("listeners").RightAligned());
        foreach (var (a, listeners) in rows)
        {
            table.AddRow($"account:{a.Id}", Markup.Escape(a.Name), Markup.Escape(a.Email ?? "–"), a.IsAdmin ? "yes" : "no", Markup.Escape(a.Issuer), Numbers.Count(listeners));
        }

        context.Console.Write(table);
        return 0;
    }

    /// <summary><c>sgr account admin ACCOUNT on|off</c>.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the account is unknown or ambiguous.</returns>
    public static async Task<int> AdminAsync(CliContext context, SoundGraphStore store, string query, bool admin, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (await AccountQuery.ResolveAsync(context, store.Accounts, query, ct).ConfigureAwait(false) is not { } account)
        {
            return CliApp.NeedsChoice;
        }

        await store.Accounts.SetAdminAsync(account.Id, admin, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { account.Id, account.Name, isAdmin = admin, changed = admin != account.IsAdmin }));
            return 0;
        }

        w.WriteLine(admin == account.IsAdmin
            ? $"{AccountQuery.Label(account)} {(admin ? "is already" : "was not")} an admin: nothing changed."
            : $"{AccountQuery.Label(account)} {(admin ? "is now an admin: it reads and writes every listener's data" : "is no longer an admin")}.");
        return 0;
    }

    /// <summary><c>sgr account delete-data ACCOUNT --yes</c>: deletes the account's personal data
    /// (<see cref="AccountStore.DeleteAccountDataAsync"/>) and prints the rows deleted per table.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the account is unknown or ambiguous.</returns>
    /// <exception cref="InvalidOperationException">Without <paramref name="confirmed"/>: nothing is deleted.</exception>
    public static async Task<int> DeleteDataAsync(CliContext context, SoundGraphStore store, string query, bool confirmed, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (await AccountQuery.ResolveAsync(context, store.Accounts, query, ct).ConfigureAwait(false) is not { } account)
        {
            return CliApp.NeedsChoice;
        }

        if (!confirmed)
        {
            throw new InvalidOperationException(
                $"This deletes the listens, labels, mixtapes, taste data, tokens and connected services of {AccountQuery.Label(account)} for good: run it again with --yes.");
        }

        var deletion = await store.Accounts.DeleteAccountDataAsync(account.Id, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { account.Id, account.Name, deleted = deletion.Counts, total = deletion.Total }));
            return 0;
        }

        w.WriteLine($"Deleted {Numbers.Count(deletion.Total)} row{(deletion.Total == 1 ? string.Empty : "s")} of {AccountQuery.Label(account)}; the account and its (now empty) listeners stay.");
        var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows deleted").RightAligned());
        foreach (var (name, count) in deletion.Counts)
        {
            table.AddRow(name, Numbers.Count(count));
        }

        context.Console.Write(table);
        return 0;
    }
}
