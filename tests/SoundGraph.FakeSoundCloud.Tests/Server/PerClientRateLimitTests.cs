using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.Tests.TestSupport;

namespace SoundGraph.FakeSoundCloud.Tests.Server;

/// <summary>Several accepted clients, a token bucket per client id, and the per-client and per-URL request counts the
/// distributed harvest tests read.</summary>
public sealed class PerClientRateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FakeServerOptions TwoClients(ManualTimeProvider clock) => new()
    {
        ExtraClients = new Dictionary<string, string> { ["worker-b"] = "secret-b" },
        RateLimitPerClientPerSecond = 5,
        TimeProvider = clock,
    };

    [Fact]
    public async Task RateLimitPerClient_TwoClientsBurstSevenEach_EachGetsFive200sAndTwo429s()
    {
        var clock = new ManualTimeProvider(Start);
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, TwoClients(clock));
        var a = await h.TokenAsync();
        var b = await h.TokenAsync("worker-b", "secret-b");
        var path = $"users/{h.World.Users[0].Id}";

        var statuses = new List<(string Client, int Status)>();
        for (var i = 0; i < 7; i++)
        {
            foreach (var (client, token) in new[] { ("a", a), ("b", b) })
            {
                using var response = await h.GetAsync(path, token);
                statuses.Add((client, (int)response.StatusCode));
            }
        }

        var expected = Enumerable.Repeat(200, 5).Concat(Enumerable.Repeat(429, 2));
        Assert.Equal(expected, statuses.Where(s => s.Client == "a").Select(s => s.Status));
        Assert.Equal(expected, statuses.Where(s => s.Client == "b").Select(s => s.Status));
        Assert.Equal(4, h.Server.Stats.RateLimitViolations);
        Assert.Equal(new Dictionary<string, long> { ["fake-client-id"] = 7, ["worker-b"] = 7 }, h.Server.Stats.ByClient);
    }

    [Fact]
    public async Task RateLimitPerClient_ClockAdvancesOneSecond_EachBucketRefillsToItsLimit()
    {
        var clock = new ManualTimeProvider(Start);
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, TwoClients(clock));
        var b = await h.TokenAsync("worker-b", "secret-b");
        var path = $"users/{h.World.Users[0].Id}";
        for (var i = 0; i < 5; i++)
        {
            using var ok = await h.GetAsync(path, b);
            Assert.Equal(200, (int)ok.StatusCode);
        }

        using (var limited = await h.GetAsync(path, b))
        {
            Assert.Equal(429, (int)limited.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var after = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await h.GetAsync(path, b);
            after.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 200, 200, 200, 429], after);
    }

    [Fact]
    public async Task Token_ExtraClientWithWrongSecretOrAnotherClientsRefreshToken_Refused()
    {
        var clock = new ManualTimeProvider(Start);
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, TwoClients(clock));
        var wrong = await h.TokenJsonAsync(secret: "fake-client-secret", clientId: "worker-b");
        Assert.Equal("invalid_client", wrong.GetProperty("error").GetString());

        var refreshOfA = (await h.TokenJsonAsync()).GetProperty("refresh_token").GetString()!;
        var stolen = await h.TokenJsonAsync("refresh_token", refreshOfA, secret: "secret-b", clientId: "worker-b");
        Assert.Equal("invalid_grant", stolen.GetProperty("error").GetString());
        var own = await h.TokenJsonAsync("refresh_token", refreshOfA);
        Assert.True(own.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task ByUrl_PageFetchedTwiceAndAnotherOnce_CountsPathAndQueryExactly()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var token = await h.TokenAsync();
        var user = h.World.Users[0].Id;
        var page = $"/users/{user}/likes/tracks?limit=10&linked_partitioning=true&offset=10";
        (await h.GetAsync(page, token)).Dispose();
        (await h.GetAsync(page, token)).Dispose();
        (await h.GetAsync($"/users/{user}", token)).Dispose();
        (await h.GetAsync($"/users/{user}", null)).Dispose(); // unauthenticated: not counted per URL

        Assert.Equal(new Dictionary<string, long> { [page] = 2, [$"/users/{user}"] = 1 }, h.Server.Stats.ByUrl);
        Assert.Equal(
            new Dictionary<(string, string), long> { [("fake-client-id", page)] = 2, [("fake-client-id", $"/users/{user}")] = 1 },
            h.Server.Stats.ByClientAndUrl);
    }

    [Fact]
    public void Validate_ExtraClientRepeatingClientIdOrPerClientLimitZero_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FakeServerOptions { ExtraClients = new Dictionary<string, string> { ["fake-client-id"] = "x" } }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FakeServerOptions { RateLimitPerClientPerSecond = 0 }.Validate());
    }

    [Fact]
    public void TryParse_ExtraClientsAndPerClientLimit_FillServerOptions()
    {
        var ok = CommandLine.TryParse(["--extra-client", "w2:s2", "--extra-client", "w3:s:3", "--rate-limit-per-client", "20"], out var parsed, out var error);

        Assert.True(ok, error);
        Assert.Equal(new Dictionary<string, string> { ["w2"] = "s2", ["w3"] = "s:3" }, parsed.Server.ExtraClients);
        Assert.Equal(20, parsed.Server.RateLimitPerClientPerSecond);
        Assert.False(CommandLine.TryParse(["--extra-client", "no-secret"], out _, out var bad));
        Assert.Equal("Bad value for --extra-client: no-secret.", bad);
    }
}
