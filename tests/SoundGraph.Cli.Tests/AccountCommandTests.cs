using System.Text.Json;
using Dapper;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr account add|list|owner|visibility|admin|delete-data</c> on a <see cref="TasteSample"/> store (listener
/// lea, from a public test dataset, with listens).</summary>
public sealed class AccountCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sg-account-").FullName;

    private string Db => Path.Combine(_dir, "taste.db");

    public async Task InitializeAsync()
    {
        await using var store = await TasteSample.BuildAsync(Db);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddAndList_PrintIdsAndTheTable()
    {
        var (code, output, error) = await Sgr("account", "add", "lea", "--email", "lea@example.org");
        Assert.True(code == 0, error);
        Assert.Equal(
            "Created local account lea (account:1).\nGive it a listener: sgr account owner --user USER account:1; a token: sgr token create --account account:1 --name NAME\n",
            output);
        (code, output, error) = await Sgr("account", "add", "root", "--admin");
        Assert.True(code == 0, error);
        Assert.StartsWith("Created local account root (account:2), an admin.\n", output, StringComparison.Ordinal);
        await Sgr("account", "owner", "--user", "lea", "lea");

        (code, output, error) = await Sgr("account", "list");

        Assert.True(code == 0, error);
        Assert.Equal(
            """
            ┌───────────┬──────┬─────────────────┬───────┬────────┬───────────┐
            │ id        │ name │ e-mail          │ admin │ issuer │ listeners │
            ├───────────┼──────┼─────────────────┼───────┼────────┼───────────┤
            │ account:1 │ lea  │ lea@example.org │ no    │ local  │         1 │
            │ account:2 │ root │ –               │ yes   │ local  │         0 │
            └───────────┴──────┴─────────────────┴───────┴────────┴───────────┘

            """,
            output);
        (code, output, _) = await Sgr("account", "list", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal([1, 0], json.RootElement.EnumerateArray().Select(a => a.GetProperty("listeners").GetInt32()));
    }

    [Fact]
    public async Task Add_SameNameTwice_FailsWithOneLine()
    {
        await Sgr("account", "add", "lea");

        var (code, _, error) = await Sgr("account", "add", "lea");

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal("error: An account named 'lea' exists.", error.Trim());
    }

    [Fact]
    public async Task Owner_GivesTheListenerToTheAccount_ThenToNobody()
    {
        await Sgr("account", "add", "Lea Account", "--email", "lea@example.org");
        var user = await UserIdAsync();

        var (code, output, error) = await Sgr("account", "owner", "--user", "lea", "lea@example.org");
        Assert.True(code == 0, error);
        Assert.Equal($"lea (user:{user}) now belongs to Lea Account (account:1); it is public.\n", output);
        Assert.Equal(1L, (await ListenerAsync(user)).OwnerAccountId);

        (code, output, error) = await Sgr("account", "owner", "--user", $"user:{user}", "--nobody");
        Assert.True(code == 0, error);
        Assert.Equal($"lea (user:{user}) now belongs to nobody; it is public.\n", output);
        Assert.Null((await ListenerAsync(user)).OwnerAccountId);
    }

    [Theory]
    [InlineData("error: Who will own the listener? Give an ACCOUNT (sgr account owner --user USER ACCOUNT), or --nobody.")]
    [InlineData("error: Give an ACCOUNT or --nobody, not both.", "account:1", "--nobody")]
    public async Task Owner_NeitherOrBoth_FailsWithOneLine(string expected, params string[] args)
    {
        var (code, _, error) = await Sgr(["account", "owner", "--user", "lea", .. args]);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Visibility_PrivateThenDefault()
    {
        var user = await UserIdAsync();

        var (code, output, error) = await Sgr("account", "visibility", "--user", "lea", "private");
        Assert.True(code == 0, error);
        Assert.Equal($"lea (user:{user}) is now private (only its owner and admins see it).\n", output);
        Assert.True((await ListenerAsync(user)).IsPrivate);

        (code, output, error) = await Sgr("account", "visibility", "--user", "lea", "default");
        Assert.True(code == 0, error);
        Assert.Equal($"lea (user:{user}) follows the default again: public (a public dataset's listener).\n", output);
        Assert.False((await ListenerAsync(user)).IsPrivate);

        (code, _, error) = await Sgr("account", "visibility", "--user", "lea", "secret");
        Assert.Equal(CliApp.Failure, code);
        Assert.StartsWith("error: Argument 'secret' not recognized. Must be one of:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_OnOff_AndAgain()
    {
        await Sgr("account", "add", "lea");

        Assert.Equal("lea (account:1) is now an admin: it reads and writes every listener's data.\n", (await Sgr("account", "admin", "lea", "on")).Out);
        Assert.Equal("lea (account:1) is already an admin: nothing changed.\n", (await Sgr("account", "admin", "account:1", "on")).Out);
        Assert.Equal("lea (account:1) is no longer an admin.\n", (await Sgr("account", "admin", "1", "off")).Out);
        await using var store = await SoundGraphStore.OpenAsync(Db);
        Assert.False((await store.Accounts.FindAsync(1))!.IsAdmin);
    }

    [Fact]
    public async Task DeleteData_WithoutYes_RefusesAndKeepsEverything_WithYes_CountsTheRows()
    {
        await Sgr("account", "add", "lea");
        await Sgr("account", "owner", "--user", "lea", "lea");
        await Sgr("token", "create", "--account", "lea", "--name", "laptop");
        var user = await UserIdAsync();
        long listens;
        await using (var store = await SoundGraphStore.OpenAsync(Db))
        {
            await store.Connection.ExecuteAsync(
                "INSERT INTO taste_labels (user_id, track_id, axis, value, labelled_at) SELECT @user, id, 'energy', 0.5, '2024-01-01T00:00:00Z' FROM tracks ORDER BY id LIMIT 2",
                new { user });
            listens = await store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id = @user", new { user });
        }

        Assert.True(listens > 0);
        var before = await CountsAsync(user);

        var (code, output, error) = await Sgr("account", "delete-data", "lea");
        Assert.Equal(CliApp.Failure, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            "error: This deletes the listens, labels, mixtapes, taste data, tokens and connected services of lea (account:1) for good: run it again with --yes.",
            error.Trim());
        Assert.Equal(before, await CountsAsync(user));

        (code, output, error) = await Sgr("account", "delete-data", "lea", "--yes");
        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        Assert.Equal($"Deleted {listens + 3} rows of lea (account:1); the account and its (now empty) listeners stay.", lines[0]);
        Assert.Contains($"│ listens            │ {listens,12} │", lines);
        Assert.Contains("│ taste_labels       │            2 │", lines);
        Assert.Contains("│ api_tokens         │            1 │", lines);
        Assert.Contains("│ connected_services │            0 │", lines);
        Assert.Equal((0L, 0L, 0L, before.OtherListens), await CountsAsync(user));
        Assert.True(before.OtherListens > 0);
    }

    [Fact]
    public async Task UnknownOrAmbiguousAccount_FailsNamingItOrListingThem()
    {
        await Sgr("account", "add", "a", "--email", "shared@example.org");
        await Sgr("account", "add", "b", "--email", "shared@example.org");

        var (code, output, error) = await Sgr("account", "admin", "nobody", "on");
        Assert.Equal(CliApp.NeedsChoice, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: No account matches 'nobody': give its id (account:12), e-mail or name (see `sgr account list`).", error.Trim());

        (code, _, error) = await Sgr("account", "delete-data", "SHARED@example.org", "--yes");
        Assert.Equal(CliApp.NeedsChoice, code);
        Assert.Equal("error: 'SHARED@example.org' matches 2 accounts: a (account:1), b (account:2); give one as account:ID.", error.Trim());
    }

    private Task<(int Code, string Out, string Err)> Sgr(params string[] args) => CliRunner.RunAsync([.. args, "--db", Db]);

    private async Task<long> UserIdAsync()
    {
        await using var store = await SoundGraphStore.OpenAsync(Db);
        return await TasteSample.UserIdAsync(store, "test:user:lea");
    }

    private async Task<Storage.Accounts.ListenerOwnership> ListenerAsync(long user)
    {
        await using var store = await SoundGraphStore.OpenAsync(Db);
        return (await store.Accounts.ListenerAsync(user))!;
    }

    private async Task<(long Listens, long Labels, long Tokens, long OtherListens)> CountsAsync(long user)
    {
        await using var store = await SoundGraphStore.OpenAsync(Db);
        var c = store.Connection;
        return (
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id = @user", new { user }),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM taste_labels WHERE user_id = @user", new { user }),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_tokens"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id <> @user", new { user }));
    }
}
