using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SoundGraph.Web.Tests;

/// <summary>The web page in sign-in mode in headless Chromium (<see cref="SignInWebFixture"/>): signing in through the
/// test provider's real sign-in page (authorization code + PKCE), uploading a SYNTHETIC Spotify export in Settings and
/// seeing its taste dashboard, signing out; one account cannot read another's private listener (cookie session or
/// personal token); a cookie session's writes need the antiforgery header.</summary>
/// <remarks>The sign-in journey does not generate or export a mixtape: its imported export's weeks are by one band (a mix
/// takes at most two tracks an artist); the mixtape card is tested in single-user mode (<see cref="TasteTests"/>).</remarks>
[Collection(SignInWebFixtureGroup.Name)]
public sealed class SignInTests(SignInWebFixture web, ITestOutputHelper output)
{
    private const string MeScript = "async () => (await fetch('/api/me')).json()";

    private const string StatusScript = "async (url) => (await fetch(url)).status";

    /// <summary>POST /api/tokens from the page (a cookie session), with or without the antiforgery header /api/me gives.</summary>
    private const string CreateTokenScript = """
        async (withHeader) => {
          const me = await (await fetch('/api/me')).json();
          const headers = { 'Content-Type': 'application/json' };
          if (withHeader) headers[me.antiforgery.headerName] = me.antiforgery.token;
          const r = await fetch('/api/tokens', { method: 'POST', headers, body: JSON.stringify({ name: 'web test', write: true, days: 1 }) });
          return { status: r.status, body: await r.text() };
        }
        """;

    /// <summary>Uploads the export text as multipart field <c>file</c> from the page and polls the job until it is done
    /// or failed (at most a minute); returns the last job view.</summary>
    private const string UploadScript = """
        async ({ name, content }) => {
          const me = await (await fetch('/api/me')).json();
          const form = new FormData();
          form.append('file', new File([content], name, { type: 'application/json' }));
          const r = await fetch('/api/import/spotify-export', { method: 'POST', headers: { [me.antiforgery.headerName]: me.antiforgery.token }, body: form });
          if (r.status !== 202) return { status: 'http ' + r.status, error: await r.text() };
          let job = await r.json();
          for (let i = 0; i < 300 && job.status !== 'done' && job.status !== 'failed'; i++) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            job = await (await fetch('/api/jobs/' + job.id)).json();
          }
          return job;
        }
        """;

    [Fact]
    public async Task SignIn_UploadSyntheticExport_SeesOwnTaste_SignsOut()
    {
        var export = SyntheticExport.Write();
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/");
        var bar = page.GetByTestId("account-bar");
        await Expect(bar).ToHaveAttributeAsync("data-mode", "anonymous");
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("signin-1-anonymous.png", output);

        // The provider's own sign-in page: type the test user's name and password (no login_hint shortcut).
        await page.GetByTestId("sign-in").ClickAsync();
        var user = page.Locator("#fake_oidc_user");
        await Expect(user).ToBeVisibleAsync();
        Assert.StartsWith(web.Oidc.Issuer.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", page.Url, StringComparison.Ordinal);
        await user.FillAsync("alice");
        await page.Locator("#fake_oidc_password").FillAsync("alice-password");
        await page.SaveScreenshotAsync("signin-2-provider-page.png", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Alice");
        await Expect(bar).ToHaveAttributeAsync("data-mode", "signed-in");
        Assert.StartsWith(web.BaseUrl + "/", page.Url, StringComparison.Ordinal);
        await page.SaveScreenshotAsync("signin-3-signed-in.png", output);

        // Settings › Import a Spotify export: upload the SYNTHETIC StreamingHistory0.json and wait for the job.
        await page.GetByTestId("open-settings").ClickAsync();
        await page.GetByTestId("import-file").SetInputFilesAsync(export);
        await Expect(page.GetByTestId("import-file-name")).ToContainTextAsync(SyntheticExport.FileName);
        await page.GetByTestId("import-start").ClickAsync();
        var status = page.GetByTestId("import-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Expect(status).ToContainTextAsync("Done");
        output.WriteLine($"import: {await status.TextContentAsync()}");
        await page.SaveScreenshotAsync("signin-4-import-done.png", output, fullPage: true);

        var jobId = await status.GetAttributeAsync("data-job");
        var job = await page.EvaluateAsync<JsonElement>("async (id) => (await fetch('/api/jobs/' + id)).json()", jobId);
        var listener = job.GetProperty("result").GetProperty("listenerId").GetInt64().ToString(CultureInfo.InvariantCulture);

        // /api/me offers alice's listeners: the account's own (made at sign-in, no plays) and the export's, both private.
        var me = await page.EvaluateAsync<JsonElement>(MeScript);
        var listeners = me.GetProperty("listeners").EnumerateArray().ToList();
        output.WriteLine($"alice's listeners: {me.GetProperty("listeners")}");
        Assert.Contains(listeners, l => l.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == listener);
        Assert.All(listeners, l => Assert.False(l.GetProperty("public").GetBoolean()));
        await Expect(page.Locator($"[data-testid=taste-listener] option[value='user:{listener}']")).ToHaveCountAsync(1);

        // Back to the dashboard and pick the export's listener (the picker shows the first of /api/me's listeners, the
        // account's own, when the URL names none).
        await page.GetByTestId("settings-back").ClickAsync();
        await page.GetByTestId("taste-listener").SelectOptionAsync($"user:{listener}");
        var view = page.GetByTestId("taste-view");
        await Expect(view).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Expect(view).ToHaveAttributeAsync("data-listener", listener);
        await Expect(page.GetByTestId("taste-message")).ToContainTextAsync($"(user:{listener})");
        var trajectory = await page.EvaluateAsync<JsonElement>(
            "async (u) => (await fetch('/api/dashboard/trajectory?user=' + encodeURIComponent(u) + '&window=12w')).json()", $"user:{listener}");
        var weeks = trajectory.GetProperty("trajectory").GetProperty("weeks").GetArrayLength();
        Assert.True(weeks >= SyntheticExport.Weeks, $"the {SyntheticExport.Weeks} synthetic weeks are aggregated: {weeks}");
        await Expect(page.GetByTestId("taste-trajectory")).ToHaveAttributeAsync("data-weeks", weeks.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("taste-map")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("taste-view").ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("signin-5-own-taste.png", output, fullPage: true);

        // Sign out (the form posts the antiforgery field): anonymous again.
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(bar).ToHaveAttributeAsync("data-mode", "anonymous");
        Assert.Equal("anonymous", (await page.EvaluateAsync<JsonElement>(MeScript)).Str("mode"));
        await page.SaveScreenshotAsync("signin-6-signed-out.png", output);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task OtherAccount_CannotReadAlicesPrivateListener_ByCookieOrToken()
    {
        // alice (login_hint shortcut), with the SYNTHETIC export imported, and a personal token.
        await using var alice = await SignInAsync("alice", "Alice");
        var job = await alice.Page.EvaluateAsync<JsonElement>(UploadScript, new { name = SyntheticExport.FileName, content = SyntheticExport.Json() });
        Assert.True(job.Str("status") == "done", $"the import finished: {job}");
        var listener = job.GetProperty("result").GetProperty("listenerId").GetInt64();
        var me = await alice.Page.EvaluateAsync<JsonElement>(MeScript);
        Assert.Contains(me.GetProperty("listeners").EnumerateArray(), l => l.GetProperty("id").GetInt64() == listener);
        var aliceToken = await CreateTokenAsync(alice.Page);
        var trajectory = $"/api/dashboard/trajectory?user=user:{listener}";
        var entity = $"/api/users/{listener}";
        Assert.Equal(200, await alice.Page.EvaluateAsync<int>(StatusScript, trajectory));

        // bob, in a browser context of his own.
        await using var bob = await SignInAsync("bob", "Bob");
        var page = bob.Page;
        await page.GotoAsync($"/?listener=user:{listener}");
        var view = page.GetByTestId("taste-view");
        await Expect(view).ToHaveAttributeAsync("data-state", "error");
        await Expect(page.GetByTestId("taste-message")).ToContainTextAsync($"No taste dashboard for 'user:{listener}'");
        await Expect(page.GetByTestId("taste-trajectory")).ToBeHiddenAsync();
        output.WriteLine($"bob sees: {await page.GetByTestId("taste-message").TextContentAsync()}");
        await page.SaveScreenshotAsync("signin-isolation-bob.png", output, fullPage: true);
        Assert.Equal(404, await page.EvaluateAsync<int>(StatusScript, trajectory));
        Assert.Equal(404, await page.EvaluateAsync<int>(StatusScript, entity));

        // Personal tokens: bob's is refused the same way, alice's reads.
        var bobToken = await CreateTokenAsync(page);
        Assert.Equal(404, await web.GetStatusWithTokenAsync(bobToken, trajectory));
        Assert.Equal(404, await web.GetStatusWithTokenAsync(bobToken, entity));
        Assert.Equal(200, await web.GetStatusWithTokenAsync(aliceToken, trajectory));
        Assert.Equal(200, await web.GetStatusWithTokenAsync(aliceToken, entity));
        Assert.Empty(bob.Errors);
    }

    [Fact]
    public async Task CookieSessionWrite_WithoutAntiforgeryHeader_IsRefused()
    {
        await using var tab = await SignInAsync("alice", "Alice");
        var page = tab.Page;

        var refused = await page.EvaluateAsync<JsonElement>(CreateTokenScript, false);
        Assert.True(refused.GetProperty("status").GetInt32() == 400, $"no X-CSRF-TOKEN: {refused}");
        var signOut = await page.EvaluateAsync<int>("async () => (await fetch('/signout', { method: 'POST', redirect: 'manual' })).status");
        Assert.Equal(400, signOut);

        var accepted = await page.EvaluateAsync<JsonElement>(CreateTokenScript, true);
        Assert.True(accepted.GetProperty("status").GetInt32() is 200 or 201, $"with X-CSRF-TOKEN: {accepted}");
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(accepted.Str("body")).RootElement.Str("token")));

        // Still signed in: the refused sign-out ended nothing.
        Assert.Equal("signed-in", (await page.EvaluateAsync<JsonElement>(MeScript)).Str("mode"));
        Assert.Empty(tab.Errors);
    }

    /// <summary>A new browser context signed in as <paramref name="user"/> with the provider's login_hint shortcut.</summary>
    private async Task<WebPage> SignInAsync(string user, string name)
    {
        var tab = await web.NewPageAsync();
        await tab.Page.GotoAsync($"/signin?loginHint={user}&returnUrl=/");
        await Expect(tab.Page.GetByTestId("account-name")).ToHaveTextAsync(name);
        return tab;
    }

    /// <summary>A personal token created by the page's cookie session (with the antiforgery header).</summary>
    private static async Task<string> CreateTokenAsync(IPage page)
    {
        var created = await page.EvaluateAsync<JsonElement>(CreateTokenScript, true);
        Assert.True(created.GetProperty("status").GetInt32() is 200 or 201, $"token created: {created}");
        return JsonDocument.Parse(created.Str("body")).RootElement.Str("token");
    }
}
