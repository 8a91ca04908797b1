using Dapper;
using SoundGraph.Storage.Audio;
using SoundGraph.Storage.Resolution;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Audio;

public sealed class AudioAnalysisStoreTests
{
    private const string Version = "soundgraph-audio/1";
    private static readonly DateTime Modified = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Every column i gets the value i + 0.5 (integer columns: small integers), so each one is checked apart.</summary>
    private static Dictionary<string, double?> Features()
    {
        var values = AudioAnalysisColumns.Names.Select((n, i) => (n, (double?)(i + 0.5))).ToDictionary(x => x.n, x => x.Item2, StringComparer.Ordinal);
        values["channels"] = 2;
        values["key_pitch_class"] = 9;
        values["mode"] = 0;
        values["tempo_bpm"] = 123.25;
        values["integrated_lufs"] = -9.5;
        values["sample_peak_dbfs"] = double.NegativeInfinity; // stored as NULL
        values["plr_db"] = null;
        return values;
    }

    private static AudioAnalysisToSave Analysis(long trackId, string sha = "ab12", string path = "/music/a.flac") =>
        new(new AudioFileIdentity(path, 1234, Modified, sha), Version, trackId, AudioMatchMethods.Isrc, "krumhansl-kessler", Features(), At);

    [Theory]
    [StoreProviders]
    public async Task SaveAsync_ThenForTrackAsync_ReadsEveryColumnBack(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var trackId = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;

        var fileId = await temp.Store.Audio.SaveAsync(Analysis(trackId));

        var stored = Assert.Single(await temp.Store.Audio.ForTrackAsync(trackId));
        Assert.Equal((fileId, trackId, "/music/a.flac", 1234L, "ab12", Version, "isrc", "krumhansl-kessler"),
            (stored.FileId, stored.TrackId, stored.Path, stored.SizeBytes, stored.Sha256, stored.ExtractorVersion, stored.MatchMethod, stored.KeyProfile));
        Assert.Equal("2026-01-02T03:04:05.0000000Z", stored.ModifiedUtc);
        Assert.Equal("2026-12-03T10:00:00.0000000Z", stored.AnalyzedAt);
        var expected = Features();
        expected["sample_peak_dbfs"] = null;
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), stored.Features.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(new HashSet<string> { "ab12" }, await temp.Store.Audio.AnalyzedHashesAsync(Version));
        Assert.Empty(await temp.Store.Audio.AnalyzedHashesAsync("soundgraph-audio/2"));
    }

    [Theory]
    [StoreProviders]
    public async Task SaveAsync_WritesTheAudioFeaturesSubset(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var trackId = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;

        await temp.Store.Audio.SaveAsync(Analysis(trackId));

        var row = await temp.Store.Connection.QuerySingleAsync<StoredAudioFeatures.Row>(
            $"SELECT {StoredAudioFeatures.Columns} FROM audio_features WHERE track_id = @trackId AND extractor = @Version", new { trackId, Version });
        Assert.Equal(new Core.Catalog.AudioFeatures(null, null, null, null, null, null, null, -9.5, 123.25, 9, 0, null), row.ToFeatures());
        // The Spotify row of the same track is untouched.
        Assert.Equal(2L, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audio_features WHERE track_id = @trackId", new { trackId }));
    }

    [Theory]
    [StoreProviders]
    public async Task SaveAsync_SameHashTwice_KeepsOneFileRowWithTheLatestPath(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;

        var first = await temp.Store.Audio.SaveAsync(Analysis(t1));
        var second = await temp.Store.Audio.SaveAsync(Analysis(t1, path: "/music/moved/a.flac"));

        Assert.Equal(first, second);
        Assert.Equal("/music/moved/a.flac", Assert.Single(await temp.Store.Audio.ForTrackAsync(t1)).Path);
        Assert.Equal(1L, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audio_analysis"));
    }

    [Theory]
    [StoreProviders]
    public async Task SaveFailureAsync_IsListedAndRetried_AndNeverOverwritesAnAnalysis(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;
        var bad = new AudioFileIdentity("/music/bad.mp3", 10, Modified, "dead");

        await temp.Store.Audio.SaveFailureAsync(bad, Version, "'/music/bad.mp3' is not a readable audio file: Invalid data found when processing input", At);
        await temp.Store.Audio.SaveAsync(Analysis(t1));
        await temp.Store.Audio.SaveFailureAsync(new AudioFileIdentity("/music/copy.flac", 1234, Modified, "ab12"), Version, "unreadable copy", At);

        Assert.Equal([("/music/bad.mp3", "'/music/bad.mp3' is not a readable audio file: Invalid data found when processing input")], await temp.Store.Audio.FailuresAsync(Version));
        Assert.Equal(new HashSet<string> { "ab12" }, await temp.Store.Audio.AnalyzedHashesAsync(Version)); // a failed hash is not skipped
        Assert.Equal("/music/a.flac", Assert.Single(await temp.Store.Audio.ForTrackAsync(t1)).Path);
    }

    [Theory]
    [StoreProviders]
    public async Task SaveAsync_NonNullableFeatureMissing_ThrowsAndStoresNothing(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;
        var features = Features();
        features["onset_rate"] = double.NaN;

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.Audio.SaveAsync(Analysis(t1) with { Features = features }));

        Assert.StartsWith("onset_rate must be a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audio_files"));
    }

    [Theory]
    [StoreProviders]
    public async Task FindTrackAsync_ByIdentifierRowIsrcColumnOrMbidKey(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = TempStore.SampleBatch();
        batch.Tracks[1] = batch.Tracks[1] with { Details = new Core.Catalog.TrackDetails(Isrc: "GBAAA0000002") };
        batch.Tracks.Add(new Core.Catalog.TrackRecord("musicbrainz:recording:0f0e0d0c-0000-4000-8000-000000000001", "Four"));
        await temp.Store.Catalog.WriteAsync(batch);
        var t1 = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;
        var t2 = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t2"))!.Value;
        await temp.Store.Identifiers.AddAsync(t1, [new TrackIdentifier("mbid", "11111111-2222-4333-8444-555555555555", "id")]);

        Assert.Equal((t1, "spotify:track:t1"), await temp.Store.Identifiers.FindTrackAsync("mbid", "11111111-2222-4333-8444-555555555555"));
        Assert.Equal((t2, "spotify:track:t2"), await temp.Store.Identifiers.FindTrackAsync("isrc", "GBAAA0000002"));
        Assert.Equal("musicbrainz:recording:0f0e0d0c-0000-4000-8000-000000000001", (await temp.Store.Identifiers.FindTrackAsync("mbid", "0f0e0d0c-0000-4000-8000-000000000001"))?.Key);
        Assert.Null(await temp.Store.Identifiers.FindTrackAsync("isrc", "GBAAA0000099"));
        Assert.Null(await temp.Store.Identifiers.TrackIdByKeyAsync("file:nope"));
    }

    [Theory]
    [StoreProviders]
    public async Task FindTrackAsync_UnlinkedNameMatch_NamesNoTrackUntilRestored(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;
        const string mbid = "11111111-2222-4333-8444-555555555555";
        await temp.Store.Identifiers.AddAsync(t1, [new TrackIdentifier("mbid", mbid, "name")]);

        await temp.Store.Identifiers.UnlinkNameMatchesAsync(t1);
        Assert.Null(await temp.Store.Identifiers.FindTrackAsync("mbid", mbid));
        await temp.Store.Identifiers.UnlinkNameMatchesAsync(t1, restore: true);
        Assert.Equal((t1, "spotify:track:t1"), await temp.Store.Identifiers.FindTrackAsync("mbid", mbid));
    }
}
