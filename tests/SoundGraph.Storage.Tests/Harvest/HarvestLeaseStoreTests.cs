using Dapper;
using SoundGraph.Storage.Harvest;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Harvest;

/// <summary>Claims and leases of several harvest workers on one run (PostgreSQL; each worker is its own connection).</summary>
public sealed class HarvestLeaseStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Constructor_SqliteStore_ThrowsTheOneSentenceError()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        var e = Assert.Throws<NotSupportedException>(() => new HarvestLeaseStore(temp.Store));
        Assert.Equal(HarvestLeaseStore.NeedsPostgres, e.Message);
    }

    [PostgresFact]
    public async Task ClaimAsync_TwoWorkersThreeWalks_EachWalkClaimedOnceThenNothingClaimable()
    {
        await using var a = await TempStore.CreateAsync("postgres");
        await using var b = await SoundGraphStore.OpenAsync(a.Db);
        var (leasesA, leasesB) = (new HarvestLeaseStore(a.Store), new HarvestLeaseStore(b));
        var (run, joined) = await leasesA.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        Assert.False(joined);
        var (same, joinedB) = await leasesB.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        Assert.Equal((run.Id, true), (same.Id, joinedB));
        await a.Store.Harvest.AddTasksAsync(run.Id, [Walk("likes:1"), Walk("likes:2"), Walk("likes:3")]);

        var claims = new List<(string Worker, string Task)>();
        for (var i = 0; i < 2; i++)
        {
            claims.Add(("a", (await leasesA.ClaimAsync(run.Id, "a", Lease))!.Task.Task));
            if (await leasesB.ClaimAsync(run.Id, "b", Lease) is { } c)
            {
                claims.Add(("b", c.Task.Task));
            }
        }

        Assert.Equal([("a", "likes:1"), ("b", "likes:2"), ("a", "likes:3")], claims);
        Assert.Null(await leasesA.ClaimAsync(run.Id, "a", Lease));
        Assert.Null(await leasesB.ClaimAsync(run.Id, "b", Lease));
        Assert.Equal(3, await leasesA.CountPendingAsync(run.Id));
    }

    [PostgresFact]
    public async Task ClaimAsync_HoldersLeaseRanOut_AnotherWorkerTakesTheWalkOverAtItsStoredCursor()
    {
        await using var a = await TempStore.CreateAsync("postgres");
        await using var b = await SoundGraphStore.OpenAsync(a.Db);
        var (leasesA, leasesB) = (new HarvestLeaseStore(a.Store), new HarvestLeaseStore(b));
        var (run, _) = await leasesA.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        await a.Store.Harvest.AddTasksAsync(run.Id, [Walk("likes:1")]);
        Assert.NotNull(await leasesA.ClaimAsync(run.Id, "a", Lease));
        Assert.True(await leasesA.AdvanceAsync(run.Id, "likes:1", "a", "http://x/next?offset=10", 10, 10, FrontierStatus.Pending, Lease));
        Assert.Null(await leasesB.ClaimAsync(run.Id, "b", Lease));

        // Worker a is killed: nobody renews its lease, which runs out (moved into the past here rather than waited for).
        await a.Store.Connection.ExecuteAsync("UPDATE harvest_frontier SET lease_until = now() - interval '1 second'");
        Assert.Null(await leasesA.ClaimAsync(run.Id, "a", Lease)); // a's own walk: a (if alive) is still walking it
        var taken = await leasesB.ClaimAsync(run.Id, "b", Lease);

        Assert.Equal(new ClaimedWalk(Walk("likes:1") with { Cursor = "http://x/next?offset=10", Kept = 10, Scanned = 10 }, "a"), taken);
        Assert.False(await leasesA.AdvanceAsync(run.Id, "likes:1", "a", "http://x/next?offset=20", 20, 20, FrontierStatus.Pending, Lease));
        Assert.True(await leasesB.AdvanceAsync(run.Id, "likes:1", "b", null, 25, 25, FrontierStatus.Done, Lease));
        Assert.Equal(0, await leasesB.CountPendingAsync(run.Id));
        Assert.Equal(Walk("likes:1") with { Kept = 25, Scanned = 25, Status = FrontierStatus.Done }, (await b.Harvest.LoadTasksAsync(run.Id)).Single());
    }

    [PostgresFact]
    public async Task RenewAsync_LeaseAboutToLapse_PushesItBackSoNobodyElseCanClaim()
    {
        await using var a = await TempStore.CreateAsync("postgres");
        await using var b = await SoundGraphStore.OpenAsync(a.Db);
        var (leasesA, leasesB) = (new HarvestLeaseStore(a.Store), new HarvestLeaseStore(b));
        var (run, _) = await leasesA.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        await a.Store.Harvest.AddTasksAsync(run.Id, [Walk("likes:1"), Walk("likes:2")]);
        await leasesA.ClaimAsync(run.Id, "a", Lease);
        await leasesA.ClaimAsync(run.Id, "a", Lease);
        await a.Store.Connection.ExecuteAsync("UPDATE harvest_frontier SET lease_until = now() - interval '1 second'");

        Assert.Equal(2, await leasesA.RenewAsync(run.Id, "a", Lease));
        Assert.Null(await leasesB.ClaimAsync(run.Id, "b", Lease));
        Assert.Equal(2, await a.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM harvest_frontier WHERE lease_until > now() + interval '25 seconds'"));
    }

    [PostgresFact]
    public async Task ReleaseAsync_WorkerStops_ItsPendingWalksAreClaimableAtOnce()
    {
        await using var a = await TempStore.CreateAsync("postgres");
        await using var b = await SoundGraphStore.OpenAsync(a.Db);
        var (leasesA, leasesB) = (new HarvestLeaseStore(a.Store), new HarvestLeaseStore(b));
        var (run, _) = await leasesA.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        await a.Store.Harvest.AddTasksAsync(run.Id, [Walk("likes:1"), Walk("likes:2")]);
        await leasesA.ClaimAsync(run.Id, "a", Lease);
        await leasesA.ClaimAsync(run.Id, "a", Lease);
        await leasesA.AdvanceAsync(run.Id, "likes:2", "a", null, 5, 5, FrontierStatus.Done, Lease);

        Assert.Equal(1, await leasesA.ReleaseAsync(run.Id, "a"));
        Assert.Equal(new ClaimedWalk(Walk("likes:1"), null), await leasesB.ClaimAsync(run.Id, "b", Lease));
    }

    [PostgresFact]
    public async Task FinishRunAsync_TwoWorkersFinish_OnlyTheFirstMarksItAndAJoinAfterwardsStartsANewRun()
    {
        await using var a = await TempStore.CreateAsync("postgres");
        var leases = new HarvestLeaseStore(a.Store);
        var (run, _) = await leases.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        Assert.True(await leases.FinishRunAsync(run.Id, "{\"requests\":1}"));
        Assert.False(await leases.FinishRunAsync(run.Id, "{\"requests\":2}"));
        Assert.Equal("{\"requests\":1}", await a.Store.Connection.ExecuteScalarAsync<string>("SELECT stats_json FROM harvest_runs"));
        var (next, joined) = await leases.JoinRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}", restart: false);
        Assert.False(joined);
        Assert.NotEqual(run.Id, next.Id);
        Assert.Equal(next, await leases.FindRunAsync(next.Id));
    }

    private static FrontierTask Walk(string task) => new(task, "users", "/users/" + task[(task.IndexOf(':', StringComparison.Ordinal) + 1)..] + "/likes/tracks", null, 25);
}
