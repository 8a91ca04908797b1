using System.Text;
using System.Text.Json;
using Dapper;
using SoundGraph.Services.Accounts;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr token create|list|revoke</c>: the secret is printed once, stored only as its SHA-256, never listed.</summary>
public sealed class TokenCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sg-token-").FullName;

    private string Db => Path.Combine(_dir, "accounts.db");

    public async Task InitializeAsync()
    {
        var (code, _, error) = await Sgr("account", "add", "lea", "--email", "lea@example.org");
        Assert.True(code == 0, error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Create_PrintsTheSecretOnce_StoresOnlyItsHash()
    {
        var (code, output, error) = await Sgr("token", "create", "--account", "lea", "--name", "laptop", "--write", "--days", "30");

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var secret = lines[1];
        Assert.Matches("^sgr_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(
            "This is the only time the token is shown (the store keeps only its hash): copy it now. Send it as the header `Authorization: Bearer <token>`.",
            lines[2]);
        await using (var store = await SoundGraphStore.OpenAsync(Db))
        {
            var row = await store.Connection.QuerySingleAsync<(string Hash, string Scopes, string Created, string Expires)>("SELECT token_hash, scopes, created_at, expires_at FROM api_tokens");
            Assert.Equal(PersonalTokens.Hash(secret), row.Hash);
            Assert.Equal("read write", row.Scopes);
            Assert.Equal(30, (DateTimeOffset.Parse(row.Expires, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(row.Created, System.Globalization.CultureInfo.InvariantCulture)).TotalDays, 3);
            Assert.Equal($"Created token 1 \"laptop\" of lea (account:1): scopes read write, expires {Utc(row.Expires)} UTC.", lines[0]);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_dir))
        {
            Assert.DoesNotContain(secret, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Create_ReadOnlyByDefault_For90Days()
    {
        var (code, _, error) = await Sgr("token", "create", "--account", "account:1", "--name", "ci");
        Assert.True(code == 0, error);

        await using var store = await SoundGraphStore.OpenAsync(Db);
        var token = Assert.Single(await store.Accounts.TokensAsync(1));
        Assert.Equal("read", token.Scopes);
        Assert.Equal(90, (token.ExpiresAt - token.CreatedAt).TotalDays, 3);
    }

    [Theory]
    [InlineData("error: --days must be 1–366 (got 0).", "--name", "x", "--days", "0")]
    [InlineData("error: --days must be 1–366 (got 367).", "--name", "x", "--days", "367")]
    [InlineData("error: A token's name must be 1–100 characters.", "--name", " ")]
    public async Task Create_BadDaysOrName_FailsWithOneLine(string expected, params string[] args)
    {
        var (code, output, error) = await Sgr(["token", "create", "--account", "lea", .. args]);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task ListAndRevoke_NeverShowTheSecret_StatusFollows()
    {
        var secret = (await Sgr("token", "create", "--account", "lea", "--name", "laptop")).Out.Split('\n')[1];
        await Sgr("token", "create", "--account", "lea", "--name", "ci", "--write");

        var (code, output, error) = await Sgr("token", "list", "--account", "lea@example.org");
        Assert.True(code == 0, error);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        var rows = output.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal)).Select(Cells).ToList();
        Assert.Equal(["id", "name", "prefix", "scopes", "created", "expires", "last used", "status"], rows[0]);
        Assert.Equal(["2", "ci", "read write", "never", "active"], new[] { rows[1][0], rows[1][1], rows[1][3], rows[1][6], rows[1][7] });
        Assert.Equal(["1", "laptop", secret[..10] + "…", "read", "never", "active"], new[] { rows[2][0], rows[2][1], rows[2][2], rows[2][3], rows[2][6], rows[2][7] });

        (code, output, error) = await Sgr("token", "revoke", "--account", "lea", "1");
        Assert.True(code == 0, error);
        Assert.Equal("Revoked token 1 of lea (account:1): it is refused from now on.\n", output);

        (code, output, _) = await Sgr("token", "list", "--account", "lea", "--json");
        Assert.Equal(0, code);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(["active", "revoked"], json.RootElement.EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        }

        (code, _, error) = await Sgr("token", "revoke", "--account", "lea", "1");
        Assert.Equal(CliApp.Failure, code);
        Assert.Equal("error: lea (account:1) has no active token 1 (see `sgr token list --account account:1`).", error.Trim());
        await using var store = await SoundGraphStore.OpenAsync(Db);
        Assert.Null(await PersonalTokens.AuthenticateAsync(store.Accounts, secret, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task List_None_SaysHowToCreateOne()
    {
        var (code, output, error) = await Sgr("token", "list", "--account", "lea");

        Assert.True(code == 0, error);
        Assert.Equal("lea (account:1) has no tokens. Create one: sgr token create --account account:1 --name NAME [--write] [--days 90]\n", output);
    }

    [Fact]
    public async Task UnknownAccount_FailsNamingIt()
    {
        var (code, output, error) = await Sgr("token", "create", "--account", "account:9", "--name", "x");

        Assert.Equal(CliApp.NeedsChoice, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: No account matches 'account:9': give its id (account:12), e-mail or name (see `sgr account list`).", error.Trim());
    }

    private static string[] Cells(string line) => [.. line.Trim('│', ' ').Split('│').Select(c => c.Trim())];

    private static string Utc(string stored) =>
        DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private Task<(int Code, string Out, string Err)> Sgr(params string[] args) => CliRunner.RunAsync([.. args, "--db", Db]);
}
