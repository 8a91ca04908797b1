using SoundGraph.Cli.Rendering;
using SoundGraph.Storage;
using SoundGraph.Storage.Accounts;

namespace SoundGraph.Cli.Jobs;

/// <summary><c>sgr account owner</c> and <c>sgr account visibility</c>: who owns a listener and whether it is private
/// (<see cref="AccountStore.SetOwnerAsync"/>, <see cref="AccountStore.SetVisibilityAsync"/>, <see cref="UserVisibility"/>).
/// The listener is resolved as <c>sgr taste --user</c> resolves it.</summary>
public static class ListenerAccessJobs
{
    /// <summary>The word that puts a listener back on the default by source (stored as null).</summary>
    public const string Default = "default";

    /// <summary><c>sgr account owner --user USER (ACCOUNT | --nobody)</c>: gives the listener to the account, or to nobody
    /// when <paramref name="accountQuery"/> is null.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the listener or account is unknown or ambiguous.</returns>
    public static async Task<int> OwnerAsync(CliContext context, SoundGraphStore store, string user, string? accountQuery, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (await TasteJobs.ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        AccountRow? account = null;
        if (accountQuery is not null && (account = await AccountQuery.ResolveAsync(context, store.Accounts, accountQuery, ct).ConfigureAwait(false)) is null)
        {
            return CliApp.NeedsChoice;
        }

        await store.Accounts.SetOwnerAsync(listener.Id, account?.Id, ct).ConfigureAwait(false);
        var access = (await store.Accounts.ListenerAsync(listener.Id, ct).ConfigureAwait(false))!;
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(access));
            return 0;
        }

        w.WriteLine(account is null
            ? $"{Label(access)} now belongs to nobody; it is {Visibility(access)}."
            : $"{Label(access)} now belongs to {AccountQuery.Label(account)}; it is {Visibility(access)}.");
        return 0;
    }

    /// <summary><c>sgr account visibility --user USER public|private|default</c>.</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="store">The store.</param>
    /// <param name="user">The listener query.</param>
    /// <param name="visibility"><see cref="UserVisibility.Public"/>, <see cref="UserVisibility.Private"/> or
    /// <see cref="Default"/> (the default by source: personal imports and syncs private, public datasets public).</param>
    /// <param name="json">Write JSON.</param>
    /// <param name="ct">Cancels.</param>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the listener is unknown or ambiguous.</returns>
    /// <exception cref="ArgumentException"><paramref name="visibility"/> is another word.</exception>
    public static async Task<int> VisibilityAsync(CliContext context, SoundGraphStore store, string user, string visibility, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var stored = visibility == Default ? null : visibility;
        if (await TasteJobs.ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        await store.Accounts.SetVisibilityAsync(listener.Id, stored, ct).ConfigureAwait(false);
        var access = (await store.Accounts.ListenerAsync(listener.Id, ct).ConfigureAwait(false))!;
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { access.UserId, access.Key, access.Name, access.OwnerAccountId, access.IsPrivate, visibility }));
            return 0;
        }

        w.WriteLine(stored is null
            ? $"{Label(access)} follows the default again: {Visibility(access)} ({(access.IsPrivate ? "a personal import or sync" : "a public dataset's listener")})."
            : $"{Label(access)} is now {Visibility(access)}.");
        return 0;
    }

    private static string Label(ListenerOwnership listener) => $"{listener.Name} (user:{listener.UserId})";

    private static string Visibility(ListenerOwnership listener) =>
        listener.IsPrivate ? "private (only its owner and admins see it)" : "public";
}
