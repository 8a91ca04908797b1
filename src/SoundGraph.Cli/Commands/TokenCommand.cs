using System.CommandLine;
using SoundGraph.Cli.Jobs;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr token create|list|revoke</c>: personal API tokens for scripts (issue 17), sent to <c>sgr serve</c>'s API
/// as <c>Authorization: Bearer …</c>. The work is SoundGraph.Services' <c>PersonalTokens</c>; <see cref="TokenJobs"/>
/// renders it.</summary>
public static class TokenCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>token</c> command and its subcommands.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("token", "Personal API tokens of an account: create one (shown once), list them, revoke one.")
        {
            CreateToken(context), List(context), Revoke(context),
        };
    }

    private static Option<string> AccountOption() => new("--account") { Description = AccountCommand.AccountHelp, Required = true };

    private static Command CreateToken(CliContext context)
    {
        var account = AccountOption();
        var name = new Option<string>("--name") { Description = "Your name for the token, to tell it apart (1–100 characters), e.g. laptop.", Required = true };
        var write = new Option<bool>("--write") { Description = "Scopes read and write (labels, mixtapes, syncs); without it: read only." };
        var days = new Option<int>("--days")
        {
            Description = $"Days until it expires, {TokenJobs.MinDays}–{TokenJobs.MaxDays} (default {TokenJobs.DefaultDays}).",
            DefaultValueFactory = _ => TokenJobs.DefaultDays,
        };
        var command = new Command(
            "create",
            "Create a token and print it once (only its SHA-256 is stored; it cannot be shown again). Send it as `Authorization: Bearer <token>`.")
        {
            account, name, write, days,
        };
        command.SetAction(async (parse, ct) =>
        {
            TokenJobs.ValidateDays(parse.GetValue(days));
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TokenJobs.CreateAsync(context, store, parse.GetValue(account)!, parse.GetValue(name)!, parse.GetValue(write), parse.GetValue(days), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var account = AccountOption();
        var command = new Command("list", "List an account's tokens, newest first: id, name, prefix, scopes, created, expires, last used, status (never the secret).")
        {
            account,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TokenJobs.ListAsync(context, store, parse.GetValue(account)!, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var account = AccountOption();
        var id = new Argument<long>("id") { Description = "The token's id (see `sgr token list`)." };
        var command = new Command("revoke", "Revoke one of the account's tokens: it is refused from then on (the row stays, as revoked).")
        {
            account, id,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TokenJobs.RevokeAsync(context, store, parse.GetValue(account)!, parse.GetValue(id), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}
