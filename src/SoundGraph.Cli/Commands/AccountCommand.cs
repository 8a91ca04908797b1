using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Storage.Accounts;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr account add|list|owner|visibility|admin|delete-data</c>: accounts, who owns which listener and who may
/// see it (issue 17). The work is <see cref="AccountStore"/>'s; <see cref="AccountJobs"/> and
/// <see cref="ListenerAccessJobs"/> render it. ACCOUNT is an id (<c>account:12</c>, <c>12</c>), e-mail or name.</summary>
public static class AccountCommand
{
    /// <summary>How an ACCOUNT argument or option is described in help.</summary>
    internal const string AccountHelp = "The account: id (account:12, 12), e-mail or name (see `sgr account list`).";

    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>account</c> command and its subcommands.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("account", "Accounts (local ones made here, or signed in through an identity provider), the listeners they own, and who may see them.")
        {
            Add(context), List(context), Owner(context), Visibility(context), Admin(context), DeleteData(context),
        };
    }

    private static Argument<string> AccountArgument() => new("account") { Description = AccountHelp };

    private static Option<string> UserOption() => new("--user")
    {
        Description = "The listener: name (s001), key (spotify-export-tsv:user:s001) or id (user:12).",
        Required = true,
    };

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The account's name (unique among local accounts)." };
        var email = new Option<string?>("--email") { Description = "Its e-mail (optional; ACCOUNT may then be given as the e-mail)." };
        var admin = new Option<bool>("--admin") { Description = "Make it an admin: it reads and writes every listener's data." };
        var command = new Command("add", "Create a local account (no sign-in provider needed) and print its id.") { name, email, admin };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            return await AccountJobs.AddAsync(context, store, parse.GetValue(name)!, parse.GetValue(email), parse.GetValue(admin), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List every account: id, name, e-mail, admin, issuer (local or the sign-in provider) and listeners owned.");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await AccountJobs.ListAsync(context, store, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Owner(CliContext context)
    {
        var user = UserOption();
        var account = new Argument<string?>("account")
        {
            Description = "The account that will own the listener: id (account:12, 12), e-mail or name. Not with --nobody.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var nobody = new Option<bool>("--nobody") { Description = "Take the listener away from its owner (it then belongs to no account)." };
        var command = new Command(
            "owner",
            "Set who owns a listener: `sgr account owner --user USER ACCOUNT` gives it to ACCOUNT (replacing any owner), " +
            "`sgr account owner --user USER --nobody` to no account. The owner (and admins) may read a private listener.")
        {
            user, account, nobody,
        };
        command.SetAction(async (parse, ct) =>
        {
            var query = parse.GetValue(account);
            if ((query is null) == !parse.GetValue(nobody))
            {
                throw new ArgumentException(query is null
                    ? "Who will own the listener? Give an ACCOUNT (sgr account owner --user USER ACCOUNT), or --nobody."
                    : "Give an ACCOUNT or --nobody, not both.");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await ListenerAccessJobs.OwnerAsync(context, store, parse.GetValue(user)!, query, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Visibility(CliContext context)
    {
        var user = UserOption();
        var visibility = new Argument<string>("visibility")
        {
            Description = "public, private, or default (personal imports and syncs private, public datasets' listeners public).",
        };
        visibility.AcceptOnlyFromAmong(UserVisibility.Public, UserVisibility.Private, ListenerAccessJobs.Default);
        var command = new Command("visibility", "Make a listener public (anyone may read it), private (only its owner and admins) or follow the default again.")
        {
            user, visibility,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await ListenerAccessJobs.VisibilityAsync(context, store, parse.GetValue(user)!, parse.GetValue(visibility)!, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Admin(CliContext context)
    {
        var account = AccountArgument();
        var state = new Argument<string>("state") { Description = "on or off." };
        state.AcceptOnlyFromAmong("on", "off");
        var command = new Command("admin", "Make an account an admin (on: reads and writes every listener's data, runs the pipeline's jobs) or not (off).")
        {
            account, state,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await AccountJobs.AdminAsync(context, store, parse.GetValue(account)!, parse.GetValue(state) == "on", parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command DeleteData(CliContext context)
    {
        var account = AccountArgument();
        var yes = new Option<bool>("--yes") { Description = "Confirm: without it nothing is deleted." };
        var command = new Command(
            "delete-data",
            "Delete an account's personal data for good: its listeners' listens, labels, saved mixtapes, taste data, engagements and follows, " +
            "its tokens and connected services. The account and its (now empty) listeners stay. Prints the rows deleted per table.")
        {
            account, yes,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await AccountJobs.DeleteDataAsync(context, store, parse.GetValue(account)!, parse.GetValue(yes), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}
