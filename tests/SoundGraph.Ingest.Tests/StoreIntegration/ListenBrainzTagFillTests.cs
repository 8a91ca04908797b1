using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.FakeListenBrainz;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary><see cref="ListenBrainzTagFill"/> against the fake ListenBrainz's bulk metadata endpoint (SYNTHETIC tags) into
/// both stores: tags with their counts, most-listened first, one request for many recordings, and a re-run that asks only
/// for the tracks still without tags.</summary>
public sealed class ListenBrainzTagFillTests
{
    // The fake's mapped recordings are tracks whose number is a multiple of 3: 3 and 6 have tags, 30 has none, 4 is unknown.
    private static readonly string[] Tracks = ["00000002-5e5e-4000-8000-000000000003", "00000002-5e5e-4000-8000-000000000006", "00000002-5e5e-4000-8000-00000000001e", "00000002-5e5e-4000-8000-000000000004"];

    [Theory]
    [StoreProviders]
    public async Task RunAsync_FourRecordingsInOneRequest_StoresTagsWithCountsAndAsksAgainOnlyForUntagged(string provider)
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 100, SameSecondPairs = 2, BoundaryPairs = 0, Tracks = 40 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { RateLimit = 100 });
        await using var store = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch { Source = "musicbrainz-xml" };
        batch.Users.Add(new UserRecord("u", "u"));
        foreach (var (mbid, i) in Tracks.Select((m, i) => (m, i)))
        {
            batch.Tracks.Add(new TrackRecord("musicbrainz:recording:" + mbid, "T" + i));
            // Track 6 is the most listened: asked first.
            for (var n = 0; n < (i == 1 ? 3 : 1); n++)
            {
                batch.Listens.Add(new ListenRecord("u", "musicbrainz:recording:" + mbid, DateTimeOffset.FromUnixTimeSeconds(1_600_000_000 + (i * 1000) + (n * 100)), 0, "x"));
            }
        }

        await store.Store.Catalog.WriteAsync(batch);
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri });

        Assert.Equal(
            ["musicbrainz:recording:" + Tracks[1], "musicbrainz:recording:" + Tracks[0]],
            (await store.Store.Identifiers.ListUntaggedWithMbidAsync(2)).Select(c => c.Key));
        var first = await new ListenBrainzTagFill(client, store.Store).RunAsync(limit: 10);
        var again = await new ListenBrainzTagFill(client, store.Store).RunAsync(limit: 10);

        Assert.Equal((4, 2, 4L, 1, 1, 1L), (first.LookedUp, first.Tagged, first.TagsStored, first.WithoutTags, first.Unknown, first.Requests));
        Assert.Equal((2, 0, 1L), (again.LookedUp, again.Tagged, again.Requests));
        Assert.Equal(2, server.Stats.MetadataRequests);
        var tags = (await store.Store.Connection.QueryAsync<(string Key, string Tag, long? Count)>(
            "SELECT t.key, g.name, x.count FROM track_tags x JOIN tracks t ON t.id = x.track_id JOIN tags g ON g.id = x.tag_id ORDER BY t.key, g.name")).ToList();
        Assert.Equal(
            [
                ("musicbrainz:recording:" + Tracks[0], "synthetic genre 3", (long?)4),
                ("musicbrainz:recording:" + Tracks[0], "synthetic mood 3", 1),
                ("musicbrainz:recording:" + Tracks[1], "synthetic genre 6", 2),
                ("musicbrainz:recording:" + Tracks[1], "synthetic mood 2", 1),
            ],
            tags);
    }

    [Fact]
    public async Task GetRecordingTagsAsync_MoreThan1000_IsRefusedBeforeAnyRequest()
    {
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = new Uri("http://127.0.0.1:9/") });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetRecordingTagsAsync(Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid()).ToList()));

        Assert.Contains("1–1000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Stats.Requests);
    }
}
