using Dapper;
using SoundGraph.Core.Scores;
using SoundGraph.Storage.Resolution;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Unveil;

public sealed class EngagementScoreReaderTests
{
    /// <summary>The sample catalog with SoundCloud-style counts set by plain SQL (the writer does not carry them yet):
    /// t1 (500, 20, 3), t2 (1000, 80, 12), t3 (null, 40, null); maxima 1000, 80, 12.</summary>
    private static async Task<(TempStore Temp, long T1, long T3)> WithCountsAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var c = temp.Store.Connection;
        await c.ExecuteAsync("UPDATE tracks SET playback_count = 500, like_count = 20, repost_count = 3 WHERE key = 'spotify:track:t1'");
        await c.ExecuteAsync("UPDATE tracks SET playback_count = 1000, like_count = 80, repost_count = 12 WHERE key = 'spotify:track:t2'");
        await c.ExecuteAsync("UPDATE tracks SET like_count = 40 WHERE key = 'spotify:track:t3'");
        var t1 = await c.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'");
        var t3 = await c.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t3'");
        return (temp, t1, t3);
    }

    [Theory]
    [StoreProviders]
    public async Task ReadEngagementScoreAsync_TrackWithCounts_ReturnsComponentsMaximaAndScore(string provider)
    {
        var (temp, t1, t3) = await WithCountsAsync(provider);
        await using var _ = temp;

        var s1 = await temp.Store.Unveil.ReadEngagementScoreAsync(t1);
        var s3 = await temp.Store.Unveil.ReadEngagementScoreAsync(t3);

        Assert.Equal(new EngagementScore(500, 20, 3, 1000, 80, 12), s1);
        Assert.Equal(0.375, s1!.Value, 12); // 0.5·500/1000 + 0.3·20/80 + 0.2·3/12
        Assert.Equal(new EngagementScore(null, 40, null, 1000, 80, 12), s3);
        Assert.Equal(0.15, s3!.Value, 12);  // 0.3·40/80
    }

    [Theory]
    [StoreProviders]
    public async Task ReadEngagementScoreAsync_NoCountsInStore_NullMaximaAndZero(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'");

        var s = await temp.Store.Unveil.ReadEngagementScoreAsync(t1);

        Assert.Equal(new EngagementScore(null, null, null, null, null, null), s);
        Assert.Equal(0.0, s!.Value);
    }

    [Theory]
    [StoreProviders]
    public async Task ReadEngagementScoreAsync_UnknownTrack_ReturnsNull(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());

        Assert.Null(await temp.Store.Unveil.ReadEngagementScoreAsync(987654321));
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_TrackWithCounts_ShowsEngagementScoreFact(string provider)
    {
        var (temp, t1, t3) = await WithCountsAsync(provider);
        await using var _ = temp;

        var r1 = await temp.Store.Unveil.BuildAsync(new EntityRef("track", t1, "One — A"));
        var r3 = await temp.Store.Unveil.BuildAsync(new EntityRef("track", t3, "Three — C"));

        Assert.Equal("0.375 (plays 500 of max 1,000, likes 20 of max 80, reposts 3 of max 12)", Fact(r1, "engagement score"));
        Assert.Equal("0.150 (plays unknown, likes 40 of max 80, reposts unknown)", Fact(r3, "engagement score"));
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_TrackWithoutCounts_HasNoEngagementScoreFact(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'");

        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("track", t1, "One — A"));

        Assert.DoesNotContain(report.Sections.Single(s => s.Key == "engagement").Facts, f => f.Name == "engagement score");
    }

    private static string Fact(Core.Unveil.UnveilReport report, string name) =>
        report.Sections.Single(s => s.Key == "engagement").Facts.Single(f => f.Name == name).Value;
}
