using System.Data.Common;
using System.Text.Json;
using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Explore;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Unveil;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>Schema 0004 (issue 13): unknown audio features are NULL, tracks carry Spotify's popularity, and a store from
/// before 0004 migrates with every value kept (the old unknown markers, key −1 and time signature 0, become NULL).</summary>
public sealed class UnknownFeaturesTests
{
    private static readonly string[] JsonNames = ["liveness", "key", "timeSignature", "danceability"];

    [Theory]
    [StoreProviders]
    public async Task Migrate_0003StoreWithAudioFeatures_KeepsEveryValueAndTurnsTheOldUnknownMarkersIntoNull(string provider)
    {
        // A 0003-era store: migrations 0001–0003 only, with two feature rows.
        await using var old = await OldStore.CreateAsync(provider, v => v <= 3, async c =>
        {
            foreach (var (key, title) in new[] { ("spotify:track:m1", "Kept"), ("spotify:track:m2", "Markers") })
            {
                await c.ExecuteAsync("INSERT INTO tracks (key, title, title_norm, streams) VALUES (@key, @title, @title, 1234567890123)", new { key, title });
            }

            await c.ExecuteAsync(
                """
                INSERT INTO audio_features SELECT id, 'spotify', 0.123456789, 0.987654321, 0.0456, 0.000123, 1.01e-06, 0.358, 0.715, -6.746, 87.917, 11, 0, 3 FROM tracks WHERE key = 'spotify:track:m1';
                INSERT INTO audio_features SELECT id, 'spotify', 0.42, 0.166, 0.0763, 0.924, 0, 0.101, 0.267, -17.235, 77.489, -1, 1, 0 FROM tracks WHERE key = 'spotify:track:m2';
                INSERT INTO audio_features SELECT id, 'essentia', 0, 1, 0, 1, 0, 1, 0, -60, 0, 0, 0, 7 FROM tracks WHERE key = 'spotify:track:m2';
                """);
        });

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        Assert.Equal(["0004_unknown_features", "0005_identity", "0006_acousticbrainz", "0007_listenbrainz", "0008_track_identifiers", "0009_lastfm", "0010_audio_analysis", "0011_identifier_backfill", "0012_taste", "0013_tag_diversity", "0014_accounts", "0015_harvest_leases", "0016_relation_lists", "0017_label_artists", "0018_artist_audio_lists", "0019_shared_label_rows"], store.AppliedMigrations.Select(m => m.Name));
        var rows = (await store.Connection.QueryAsync<StoredAudioFeatures.Row>(
            $"SELECT {StoredAudioFeatures.Columns} FROM audio_features ORDER BY track_id, extractor")).Select(r => r.ToFeatures()).ToList();
        Assert.Equal(
            [
                new AudioFeatures(0.123456789, 0.987654321, 0.0456, 0.000123, 1.01e-06, 0.358, 0.715, -6.746, 87.917, 11, 0, 3),
                new AudioFeatures(0, 1, 0, 1, 0, 1, 0, -60, 0, 0, 0, 7),
                new AudioFeatures(0.42, 0.166, 0.0763, 0.924, 0, 0.101, 0.267, -17.235, 77.489, null, 1, null),
            ],
            rows);
        Assert.Equal(
            [("spotify:track:m1", "Kept", (long?)1234567890123, (long?)null), ("spotify:track:m2", "Markers", 1234567890123, null)],
            (await store.Connection.QueryAsync<(string, string, long?, long?)>("SELECT key, title, streams, popularity FROM tracks ORDER BY key")).ToArray());

        // The migrated table takes unknown values and keeps its primary key.
        await store.Connection.ExecuteAsync("INSERT INTO audio_features (track_id, extractor) SELECT id, 'other' FROM tracks WHERE key = 'spotify:track:m1'");
        await Assert.ThrowsAnyAsync<DbException>(() => store.Connection.ExecuteAsync("INSERT INTO audio_features (track_id, extractor) SELECT id, 'other' FROM tracks WHERE key = 'spotify:track:m1'"));
    }

    [Theory]
    [StoreProviders]
    public async Task Readers_TrackWithUnknownFeatures_ShowNullOrUnknownAndLeaveItOutOfAudioVectors(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var b = TempStore.SampleBatch();
        // t2: liveness, key and time signature unknown; popularity 42.
        b.AudioFeatures[1] = b.AudioFeatures[1] with { Features = new AudioFeatures(0.7, 0.6, 0.04, 0.2, 0, null, 0.5, -6, 118, null, 0, null) };
        b.Tracks[1] = b.Tracks[1] with { Details = new TrackDetails(Popularity: 42) };
        await temp.Store.Catalog.WriteAsync(b);
        var t2 = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t2'");
        Assert.Equal(42, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT popularity FROM tracks WHERE id = @t2", new { t2 }));

        var view = await new DetailsReader(temp.Store.Connection).TrackAsync(t2);
        Assert.Equal(new AudioFeatures(0.7, 0.6, 0.04, 0.2, 0, null, 0.5, -6, 118, null, 0, null), view!.AudioFeatures);
        // The API writes the view with the web defaults: an unknown value is a JSON null, not 0.
        var json = JsonSerializer.SerializeToElement(view, JsonSerializerOptions.Web).GetProperty("audioFeatures");
        Assert.Equal(
            [JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Number],
            JsonNames.Select(n => json.GetProperty(n).ValueKind).ToArray());

        var report = await new UnveilReader(temp.Store.Connection).BuildAsync(new EntityRef("track", t2, "Two"));
        var summary = report.Sections[0].Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("unknown key, 118 BPM, unknown time signature, -6.0 dB", summary["audio"]);
        Assert.Equal("danceability 0.70, energy 0.60, valence 0.50, acousticness 0.20", summary["feel"]);

        // relate's audio kNN needs the nine descriptors: t2 (liveness unknown) is left out.
        var (ids, features) = await temp.Store.Relations.LoadAudioFeaturesAsync();
        var t1 = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'");
        var t3 = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t3'");
        Assert.Equal([t1, t3], ids.Order().ToArray());
        Assert.Equal(2, features.Length);
    }
}
