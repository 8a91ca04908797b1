using Dapper;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Storage.Harvest;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Harvest;

public sealed class HarvestEndToEndTests
{
    [Theory]
    [StoreProviders]
    public async Task RunAsync_SeedInFakeWorld_StoresExactlyTheWorldsGroundTruth(string provider)
    {
        await using var harness = await HarvestHarness.StartAsync();
        await using var temp = await TempStore.CreateAsync(provider);
        var options = HarvestHarness.SmallOptions();
        var expected = new HarvestOracle(harness.World, harness.SeedId, options);
        Assert.All(expected.PerLayer, layer => Assert.True(layer.Value > 0, $"the seed gives layer {layer.Key} no work"));

        var (result, _) = await harness.HarvestAsync(temp.Store, options);

        var db = temp.Store.Connection;
        Assert.Equal(expected.Tracks.Order(), (await db.QueryAsync<string>("SELECT key FROM tracks")).Order());
        Assert.Equal(expected.Users.Order(), (await db.QueryAsync<string>("SELECT key FROM users")).Order());
        Assert.Equal(expected.Playlists.Order(), (await db.QueryAsync<string>("SELECT key FROM playlists")).Order());
        Assert.Equal(expected.Uploaders.Order(), (await db.QueryAsync<string>("SELECT key FROM artists WHERE key LIKE 'soundcloud:%'")).Order());
        var engagements = await db.QueryAsync<string>(
            """
            SELECT u.key || '|' || CASE e.kind WHEN 0 THEN 'like' WHEN 1 THEN 'repost' ELSE 'comment' END || '|' || t.key
            FROM engagements e JOIN users u ON u.id = e.user_id JOIN tracks t ON t.id = e.target_id
            """);
        Assert.Equal(expected.Engagements.Order(), engagements.Order());
        var entries = await db.QueryAsync<string>(
            "SELECT p.key || '|' || CAST(e.position AS TEXT) || '|' || t.key FROM playlist_tracks e JOIN playlists p ON p.id = e.playlist_id JOIN tracks t ON t.id = e.track_id");
        Assert.Equal(expected.PlaylistEntries.Order(), entries.Order());

        Assert.Equal(expected.Tracks.Count, result.Stats.Tracks);
        Assert.Equal(expected.Users.Count, result.Stats.Users);
        Assert.Equal(expected.Playlists.Count, result.Stats.Playlists);
        Assert.Equal(expected.Entities.Count, result.Stats.Entities);
        Assert.Equal(expected.Engagements.Count, result.Stats.EngagementsByKind.Values.Sum());
        Assert.False(result.Resumed);
        var tasks = await temp.Store.Harvest.LoadTasksAsync(result.RunId);
        Assert.All(tasks, t => Assert.NotEqual(FrontierStatus.Pending, t.Status));
        Assert.Equal("finished", await db.ExecuteScalarAsync<string>("SELECT status FROM harvest_runs"));
    }

    [Fact]
    public async Task RunAsync_CancelledMidwayThenRunAgain_ResumesToExactlyTheRowsOfAnUninterruptedRun()
    {
        await using var harness = await HarvestHarness.StartAsync();
        var options = HarvestHarness.SmallOptions();
        await using var whole = await TempStore.CreateAsync("sqlite");
        await harness.HarvestAsync(whole.Store, options);
        var expected = await KeyedSnapshot.TakeAsync(whole.Store);

        await using var temp = await TempStore.CreateAsync("sqlite");
        await harness.HarvestCancelledAfterAsync(temp.Store, options, requests: 60);
        var partial = await KeyedSnapshot.TakeAsync(temp.Store);
        Assert.True(partial.Count < expected.Count, "the harvest was cancelled after it had finished");
        Assert.Contains(await temp.Store.Harvest.LoadTasksAsync(1), t => t.Status == FrontierStatus.Pending);

        var (resumed, _) = await harness.HarvestAsync(temp.Store, options);
        Assert.True(resumed.Resumed);
        Assert.Equal(expected, await KeyedSnapshot.TakeAsync(temp.Store));
        Assert.Equal(1, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM harvest_runs"));
    }

    [Fact]
    public async Task RunAsync_RestartAfterCancel_AbandonsTheOldRunSoALaterRunDoesNotResumeIt()
    {
        await using var harness = await HarvestHarness.StartAsync(users: 300);
        var options = HarvestHarness.SmallOptions();
        await using var temp = await TempStore.CreateAsync("sqlite");
        await harness.HarvestCancelledAfterAsync(temp.Store, options, requests: 20);

        var (restarted, _) = await harness.HarvestAsync(temp.Store, options, restart: true);
        Assert.False(restarted.Resumed);
        var (again, _) = await harness.HarvestAsync(temp.Store, options);
        Assert.False(again.Resumed);
        Assert.Equal(
            ["abandoned", "finished", "finished"],
            await temp.Store.Connection.QueryAsync<string>("SELECT status FROM harvest_runs ORDER BY id"));
    }

    [Fact]
    public async Task RunAsync_FinishedRunRepeated_StartsANewRunAndDuplicatesNoRow()
    {
        await using var harness = await HarvestHarness.StartAsync(users: 300);
        var options = HarvestHarness.SmallOptions();
        await using var temp = await TempStore.CreateAsync("sqlite");
        var (first, _) = await harness.HarvestAsync(temp.Store, options);
        var once = await KeyedSnapshot.TakeAsync(temp.Store);
        var counts = await temp.Store.CountRowsAsync();
        var (second, _) = await harness.HarvestAsync(temp.Store, options);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.False(second.Resumed);
        Assert.Equal(once, await KeyedSnapshot.TakeAsync(temp.Store));
        var again = await temp.Store.CountRowsAsync();
        foreach (var table in new[] { "tracks", "users", "artists", "playlists", "playlist_tracks", "engagements", "track_credits", "track_tags", "labels" })
        {
            Assert.Equal(counts[table], again[table]);
        }
    }

    [Fact]
    public async Task RunAsync_FaultsInjected_SameRowsAndNeverOverTheServersRateLimit()
    {
        await using var clean = await HarvestHarness.StartAsync();
        var options = HarvestHarness.SmallOptions();
        await using var reference = await TempStore.CreateAsync("sqlite");
        await clean.HarvestAsync(reference.Store, options);
        var expected = await KeyedSnapshot.TakeAsync(reference.Store);

        var faults = new FakeServerOptions
        {
            RateLimitPerSecond = 100,
            ServerErrorRate = 0.10,
            RateLimitErrorRate = 0.05,
            TruncatedBodyRate = 0.02,
            FaultSeed = 3,
        };
        await using var faulty = await HarvestHarness.StartAsync(faults);
        await using var temp = await TempStore.CreateAsync("sqlite");
        var (result, client) = await faulty.HarvestAsync(temp.Store, options, faulty.ClientOptions(requestsPerSecond: 100));

        Assert.Equal(expected, await KeyedSnapshot.TakeAsync(temp.Store));
        var stats = faulty.Server.Stats;
        Assert.True(stats.Injected5xx > 0 && stats.Injected429 > 0 && stats.InjectedTruncated > 0, "no fault was injected");
        Assert.Equal(0, stats.RateLimitViolations);
        Assert.Equal(stats.Injected429, client.RateLimited);
        Assert.True(client.Retries >= stats.Injected5xx + stats.Injected429 + stats.InjectedTruncated);
        Assert.Equal(client.Requests, result.Stats.Requests);
    }

    [Fact]
    public async Task RunAsync_WithSpill_EveryResponseIsSpilledBeforeTheStoreHasIt()
    {
        await using var harness = await HarvestHarness.StartAsync(users: 300);
        await using var temp = await TempStore.CreateAsync("sqlite");
        using var folder = new TestSupport.TempFolder();
        var spill = Path.Combine(folder.Path, "soundcloud.jsonl");
        var (result, client) = await harness.HarvestAsync(temp.Store, HarvestHarness.SmallOptions(), spillPath: spill);
        var lines = await File.ReadAllLinesAsync(spill);
        Assert.Equal(client.Requests, lines.Length); // token responses carry secrets and are never spilled
        Assert.All(lines.Skip(1), l => Assert.Contains($"\"run\":{result.RunId}", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("fake-client-secret", StringComparison.Ordinal));
        // Every stored track's body is in the spill, so relations can be recomputed without refetching.
        var text = string.Join('\n', lines);
        foreach (var key in await temp.Store.Connection.QueryAsync<string>("SELECT key FROM tracks"))
        {
            Assert.Contains("\"id\":" + key["soundcloud:track:".Length..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_NextHrefOnAnotherHost_EndsThoseWalksAndFinishes()
    {
        // The fake writes next_href on 127.0.0.1; a client pointed at "localhost" must not follow them (the token would
        // leave the API host), so every walk ends after its first page instead of failing the harvest.
        await using var harness = await HarvestHarness.StartAsync(users: 300);
        await using var temp = await TempStore.CreateAsync("sqlite");
        var localhost = new UriBuilder(harness.Server.BaseUri) { Host = "localhost" }.Uri;
        var options = harness.ClientOptions(apiBase: localhost);
        var (result, _) = await harness.HarvestAsync(temp.Store, HarvestHarness.SmallOptions(), options);
        Assert.True(result.Stats.Tracks > 1);
        Assert.Equal("finished", await temp.Store.Connection.ExecuteScalarAsync<string>("SELECT status FROM harvest_runs"));
        var tasks = await temp.Store.Harvest.LoadTasksAsync(result.RunId);
        Assert.All(tasks.Where(t => !t.Task.StartsWith("mention:", StringComparison.Ordinal)), t => Assert.Equal(FrontierStatus.Done, t.Status));
        // a mention's /resolve redirects to 127.0.0.1 too: recorded as gone, not followed
        Assert.All(tasks.Where(t => t.Task.StartsWith("mention:", StringComparison.Ordinal)), t => Assert.Equal(FrontierStatus.Gone, t.Status));
    }

    [Fact]
    public async Task RunAsync_OneWalkKeepsFailing_StopsAllWorkersWithThatErrorAndTheRunResumesLater()
    {
        await using var harness = await HarvestHarness.StartAsync(users: 300);
        await using var temp = await TempStore.CreateAsync("sqlite");
        var options = HarvestHarness.SmallOptions();
        var clientOptions = harness.ClientOptions(maxRetries: 1);
        var failing = await Assert.ThrowsAsync<SoundCloudException>(() => harness.HarvestAsync(
            temp.Store, options, clientOptions, failWith500: r => r.RequestUri!.AbsolutePath.EndsWith("/comments", StringComparison.Ordinal)));
        Assert.Contains("/comments", failing.Message, StringComparison.Ordinal);
        var tasks = await temp.Store.Harvest.LoadTasksAsync(1);
        Assert.Equal(FrontierStatus.Pending, tasks.Single(t => t.Task.StartsWith("comments:", StringComparison.Ordinal)).Status);

        // The cause goes away: the same harvest resumes and ends with the rows of an uninterrupted run.
        var (resumed, _) = await harness.HarvestAsync(temp.Store, options);
        Assert.True(resumed.Resumed);
        await using var whole = await TempStore.CreateAsync("sqlite");
        await harness.HarvestAsync(whole.Store, options);
        Assert.Equal(await KeyedSnapshot.TakeAsync(whole.Store), await KeyedSnapshot.TakeAsync(temp.Store));
    }
}
