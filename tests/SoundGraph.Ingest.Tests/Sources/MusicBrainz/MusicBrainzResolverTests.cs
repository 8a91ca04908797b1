using System.Globalization;
using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.FakeMusicBrainz;
using SoundGraph.Ingest.Sources.MusicBrainz;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Sources.MusicBrainz;

/// <summary><c>sgr resolve musicbrainz</c>'s service on small hand-made stores, both providers.</summary>
public sealed class MusicBrainzResolverTests
{
    [Theory]
    [StoreProviders]
    public async Task ResolveAsync_ByIsrcAndBySearch_StoresMbidsCreditsWithJoinPhrasesTagsAndReportsAmbiguous(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(Tracks(
            ("spotify:track:a", "Song A", "Band", "usabc2500001"),
            ("spotify:track:b", "Solo", "Singer", null),
            ("spotify:track:c", "Twin", "Duo", null),
            ("spotify:track:d", "Nothing", "Nobody", null)));
        await using var server = await FakeMusicBrainzServer.StartAsync(MusicBrainzTestWorld.Create(), new FakeMusicBrainzOptions { RequestsPerSecond = 1000 });
        using var http = new HttpClient();
        using var client = MusicBrainzTestWorld.Client(http, server.BaseUri);
        var resolver = new MusicBrainzResolver(temp.Store, client);

        var summary = await resolver.ResolveAsync();

        Assert.Equal((4, 1, 1, 1, 1, 0L), (summary.LookedUp, summary.MatchedByIsrc, summary.MatchedBySearch, summary.Ambiguous, summary.NotFound, summary.AlreadyResolved));
        Assert.Equal(0.5, summary.MatchRate);
        // a: isrc + lookup; b: search + lookup; c: search; d: search.
        Assert.Equal((6L, 0L), (summary.Requests, summary.ServiceUnavailable));
        Assert.Equal(
            [
                ("spotify:track:c", "ambiguous: scores 100 (" + MusicBrainzTestWorld.TwinOne + ") and 100 (" + MusicBrainzTestWorld.TwinTwo + ") differ by less than 10"),
                ("spotify:track:d", "not found: no search hit"),
            ],
            summary.Unresolved.Select(u => (u.TrackKey, u.Reason)));

        var a = await TrackId(temp.Store, "spotify:track:a");
        var b = await TrackId(temp.Store, "spotify:track:b");
        Assert.Equal(
            [
                new TrackIdentifier("isrc", "USABC2500001", "id"),
                new TrackIdentifier("mbid", MusicBrainzTestWorld.SongA.ToString("D"), "id"),
                new TrackIdentifier("spotify", "spotify:track:a", "id"),
            ],
            await temp.Store.Identifiers.ForTrackAsync(a));
        Assert.Equal(
            [new TrackIdentifier("mbid", MusicBrainzTestWorld.Solo.ToString("D"), "name"), new TrackIdentifier("spotify", "spotify:track:b", "id")],
            await temp.Store.Identifiers.ForTrackAsync(b));
        Assert.DoesNotContain(await temp.Store.Identifiers.ForTrackAsync(await TrackId(temp.Store, "spotify:track:c")), i => i.Kind == "mbid");

        // Credits: the stored Spotify-side artist stays; the MusicBrainz credit follows with roles from the join phrases.
        Assert.Equal(
            [
                ("name:artist:band", 0L, 0L, (string?)null),
                ("musicbrainz:artist:" + MusicBrainzTestWorld.Band, 0L, 0L, " feat. "),
                ("musicbrainz:artist:" + MusicBrainzTestWorld.Guest, 1L, 1L, " & "),
                ("musicbrainz:artist:" + MusicBrainzTestWorld.Other, 1L, 2L, ""),
            ],
            await Credits(temp.Store, a));
        Assert.Equal(
            [("musicbrainz:artist:" + MusicBrainzTestWorld.Band, "Band", "musicbrainz", 61L)],
            (await temp.Store.Connection.QueryAsync<(string, string, string, long)>(
                "SELECT key, name, source, source_rank FROM artists WHERE key = @k", new { k = "musicbrainz:artist:" + MusicBrainzTestWorld.Band })).ToList());

        // Tags and genres with a positive count; one name keeps the larger count.
        Assert.Equal([("dance", 1L), ("pop", 3L)], await Tags(temp.Store, a));
        // A name match (b, by search) brings its MBID only: no credits, no tags, so unlinking it undoes it completely.
        Assert.Empty(await Tags(temp.Store, b));
        Assert.DoesNotContain(await Credits(temp.Store, b), c => c.Item1.StartsWith("musicbrainz:", StringComparison.Ordinal));

        // Resumable: the resolved tracks are skipped, the unresolved ones looked up again.
        var again = await resolver.ResolveAsync();
        Assert.Equal((2, 0, 0, 1, 1, 2L, 2L), (again.LookedUp, again.MatchedByIsrc, again.MatchedBySearch, again.Ambiguous, again.NotFound, again.AlreadyResolved, again.Requests));
    }

    [Theory]
    [StoreProviders]
    public async Task Migration0008_BackFillsSpotifyUrisAndIsrcs(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(Tracks(("spotify:track:a", "Song A", "Band", " usabc2500001"), ("name:track:x|y", "Y", "X", null)));
        // Re-run the back-fill statements of the migration as they would run on a store holding these tracks.
        var sql = Storage.Migrations.Migrator.Load(provider == "sqlite" ? "Sqlite" : "Postgres").Single(m => m.Version == 8).Sql;
        var backFill = string.Join(";", sql.Split(';').Where(s => s.Contains("INSERT INTO track_identifiers", StringComparison.Ordinal)));
        await temp.Store.Connection.ExecuteAsync(backFill);

        var rows = (await temp.Store.Connection.QueryAsync<(string, string, string, string)>(
            "SELECT t.key, i.kind, i.value, i.method FROM track_identifiers i JOIN tracks t ON t.id = i.track_id ORDER BY t.key, i.kind")).ToList();
        Assert.Equal([("spotify:track:a", "isrc", "USABC2500001", "id"), ("spotify:track:a", "spotify", "spotify:track:a", "id")], rows);
    }

    [Fact]
    public async Task ResolveAsync_200Lookups_NeverTwoRequestsInFlight_SpacedAtTheRate_No503()
    {
        // 100 synthetic tracks, half with an ISRC: each costs two requests (ISRC or search, then the full lookup), 200 in all.
        // The fake enforces 20 requests/s and the client is configured for 20/s: the pacing properties are the same as at
        // MusicBrainz's 1/s (DefaultRate_OneRequestPerSecond_NeverTwoInFlight_No503 checks that rate), in 10 s instead of
        // 204.
        const double rate = 20;
        var world = FakeMbWorld.Generate(100);
        await using var temp = await TempStore.CreateAsync("sqlite");
        await temp.Store.Catalog.WriteAsync(Tracks(world.Recordings.Select((r, i) =>
            ("test:track:" + i.ToString(CultureInfo.InvariantCulture), r.Title, r.Credits[0].Name, i % 2 == 0 ? r.Isrcs[0] : null)).ToArray()));
        await using var server = await FakeMusicBrainzServer.StartAsync(world, new FakeMusicBrainzOptions { RequestsPerSecond = rate });
        using var http = new HttpClient();
        using var client = MusicBrainzTestWorld.Client(http, server.BaseUri, rps: rate);

        var summary = await new MusicBrainzResolver(temp.Store, client).ResolveAsync();

        var log = server.Log.Entries.OrderBy(e => e.Start).ToList();
        var bad = log.FindIndex(e => e.Status == 503);
        Assert.True(bad < 0, string.Join("\n", log.Skip(Math.Max(0, bad - 4)).Take(6).Select(e => $"{e.Start:F4} {e.End:F4} {e.Status} {e.Path}")));
        Assert.Equal((100, 50, 50, 0, 0), (summary.LookedUp, summary.MatchedByIsrc, summary.MatchedBySearch, summary.Ambiguous, summary.NotFound));
        Assert.Equal((200L, 0L), (summary.Requests, summary.ServiceUnavailable));
        Assert.Equal(200, server.Log.Entries.Count);
        Assert.Equal(0, server.TooFast);
        Assert.Equal(0.0, server.Log.SecondsWithMoreThanOneInFlight());
        Assert.Equal(1, server.Log.MaxInFlight);
        Assert.True(server.Log.MeanStartSpacing() >= 1 / rate, $"mean spacing {server.Log.MeanStartSpacing():F4} s");
    }

    internal static CatalogBatch Tracks(params (string Key, string Title, string Artist, string? Isrc)[] tracks)
    {
        var batch = new CatalogBatch { Source = "mpd" };
        foreach (var (key, title, artist, isrc) in tracks)
        {
            var artistKey = Core.Identity.EntityKeys.ArtistByName(artist);
            if (batch.Artists.All(x => x.Key != artistKey))
            {
                batch.Artists.Add(new ArtistRecord(artistKey, artist));
            }

            batch.Tracks.Add(new TrackRecord(key, title, artist, Details: isrc is null ? null : new TrackDetails(Isrc: isrc)));
            batch.Credits.Add(new CreditRecord(key, artistKey, CreditRole.Primary, 0));
        }

        return batch;
    }

    private static Task<long> TrackId(SoundGraphStore store, string key) =>
        store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = @key", new { key });

    private static async Task<List<(string, long, long, string?)>> Credits(SoundGraphStore store, long trackId) =>
        (await store.Connection.QueryAsync<(string, long, long, string?)>(
            "SELECT a.key, c.role, c.position, c.join_phrase FROM track_credits c JOIN artists a ON a.id = c.artist_id WHERE c.track_id = @trackId ORDER BY c.role, c.position, a.id",
            new { trackId })).ToList();

    private static async Task<List<(string, long)>> Tags(SoundGraphStore store, long trackId) =>
        (await store.Connection.QueryAsync<(string, long)>(
            "SELECT g.name, tt.count FROM track_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.track_id = @trackId ORDER BY g.name",
            new { trackId })).ToList();
}
