using System.Globalization;
using System.Text.Json;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.Tests.TestSupport;

namespace SoundGraph.FakeSoundCloud.Tests.Server;

public sealed class RateLimitAndFaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RateLimit_BurstOfLimitPlusFive_ExactlyFiveGet429WithResetTime()
    {
        var clock = new ManualTimeProvider(Start);
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { RateLimitPerSecond = 10, TimeProvider = clock });
        var token = await h.TokenAsync();
        var path = $"users/{h.World.Users[0].Id}";

        var statuses = new List<int>();
        var limited = new List<HttpResponseMessage>();
        for (var i = 0; i < 15; i++)
        {
            var response = await h.GetAsync(path, token);
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode == 429)
            {
                limited.Add(response);
            }
        }

        Assert.Equal(Enumerable.Repeat(200, 10).Concat(Enumerable.Repeat(429, 5)), statuses);
        Assert.Equal(5, h.Server.Stats.RateLimitViolations);
        Assert.Equal(0, h.Server.Stats.Injected429);
        foreach (var response in limited)
        {
            // The bucket is empty at 00:00:00; the next token comes at 00:00:00.1, rounded up to the whole second.
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var error = body.RootElement.GetProperty("errors")[0].GetProperty("meta");
            var reset = DateTimeOffset.ParseExact(error.GetProperty("reset_time").GetString()!, "yyyy'/'MM'/'dd HH':'mm':'ss zzz", CultureInfo.InvariantCulture);
            Assert.Equal(Start.AddSeconds(1), reset);
            Assert.Equal(0, error.GetProperty("remaining_requests").GetInt32());
            Assert.Equal(10, error.GetProperty("rate_limit").GetProperty("max_nr_of_requests").GetInt32());
            Assert.Equal("by-client", error.GetProperty("rate_limit").GetProperty("bucket").GetString());
            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            response.Dispose();
        }
    }

    [Fact]
    public async Task RateLimit_ClockAdvances_BucketRefillsContinuously()
    {
        var clock = new ManualTimeProvider(Start);
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { RateLimitPerSecond = 2, TimeProvider = clock });
        var token = await h.TokenAsync();
        var path = $"users/{h.World.Users[0].Id}";

        async Task<int> Status()
        {
            using var response = await h.GetAsync(path, token);
            return (int)response.StatusCode;
        }

        var burst = new[] { await Status(), await Status(), await Status() };
        clock.Advance(TimeSpan.FromMilliseconds(499));
        var tooEarly = await Status();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterHalfSecond = new[] { await Status(), await Status() };
        clock.Advance(TimeSpan.FromSeconds(10));
        var afterLongPause = new[] { await Status(), await Status(), await Status() };

        Assert.Equal([200, 200, 429], burst);
        Assert.Equal(429, tooEarly);
        Assert.Equal([200, 429], afterHalfSecond);
        Assert.Equal([200, 200, 429], afterLongPause); // capacity stays 2 however long the pause
        Assert.Equal(4, h.Server.Stats.RateLimitViolations);
    }

    [Fact]
    public async Task Faults_2000RequestsWithFixedSeed_CountsFollowTheSeededDraws()
    {
        const int n = 2000;
        var options = new FakeServerOptions { ServerErrorRate = 0.1, RateLimitErrorRate = 0.05, TruncatedBodyRate = 0.02, FaultSeed = 1234 };
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, options);
        var token = await h.TokenAsync();
        var path = $"users/{h.World.Users[0].Id}";

        var observed = new Dictionary<string, int>();
        for (var i = 0; i < n; i++)
        {
            using var response = await h.GetAsync(path, token);
            var text = await response.Content.ReadAsStringAsync();
            var kind = (int)response.StatusCode switch
            {
                500 or 502 or 503 => "5xx",
                429 => "429",
                200 => IsJson(text) ? "ok" : "truncated",
                var other => other.ToString(CultureInfo.InvariantCulture),
            };
            observed[kind] = observed.GetValueOrDefault(kind) + 1;
        }

        var (expected5xx, expected429, expectedTruncated) = ReplayDraws(options, n);
        Assert.Equal(expected5xx, observed["5xx"]);
        Assert.Equal(expected429, observed["429"]);
        Assert.Equal(expectedTruncated, observed["truncated"]);
        Assert.Equal(n - expected5xx - expected429 - expectedTruncated, observed["ok"]);
        Assert.Equal(expected5xx, h.Server.Stats.Injected5xx);
        Assert.Equal(expected429, h.Server.Stats.Injected429);
        Assert.Equal(expectedTruncated, h.Server.Stats.InjectedTruncated);
        Assert.InRange(expected5xx, 160, 240);
        Assert.InRange(expected429, 70, 130);
        Assert.InRange(expectedTruncated, 20, 60);
    }

    [Fact]
    public async Task Faults_Injected429_ResetTimeOneToTwoSecondsAhead()
    {
        var clock = new ManualTimeProvider(Start.AddMilliseconds(300));
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { RateLimitErrorRate = 1, TimeProvider = clock });

        using var response = await h.GetAsync($"users/{h.World.Users[0].Id}", await h.TokenAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("2026/01/01 00:00:02 +0000", body.RootElement.GetProperty("errors")[0].GetProperty("meta").GetProperty("reset_time").GetString());
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Faults_ServerErrors_CycleThrough500_503_502()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { ServerErrorRate = 1 });
        var token = await h.TokenAsync();

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await h.GetAsync($"users/{h.World.Users[0].Id}", token);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([500, 503, 502, 500], statuses);
    }

    [Fact]
    public async Task Faults_TruncatedBody_Status200HalfLengthInvalidJson()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { TruncatedBodyRate = 1 });
        var token = await h.TokenAsync();
        var track = h.World.PopularTracks(1)[0];

        using var response = await h.GetAsync($"tracks/{track.Id}", token);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(IsJson(text));
        Assert.StartsWith($$"""{"id":{{track.Id}},"kind":"track",""", text, StringComparison.Ordinal);
        Assert.Equal(1, h.Server.Stats.InjectedTruncated);
    }

    private static (int ServerErrors, int RateLimits, int Truncated) ReplayDraws(FakeServerOptions options, int requests)
    {
        // The documented rule: one draw per request from new Random(FaultSeed), bands laid end to end.
        var random = new Random(options.FaultSeed);
        int errors = 0, limits = 0, truncated = 0;
        for (var i = 0; i < requests; i++)
        {
            var draw = random.NextDouble();
            if (draw < options.ServerErrorRate)
            {
                errors++;
                continue;
            }

            draw -= options.ServerErrorRate;
            if (draw < options.RateLimitErrorRate)
            {
                limits++;
                continue;
            }

            draw -= options.RateLimitErrorRate;
            if (draw < options.TruncatedBodyRate)
            {
                truncated++;
            }
        }

        return (errors, limits, truncated);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
