using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Ingest.Importers.SpotifyFeatures;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

/// <summary>Issue 13: audio features a layout lacks, or whose cell is empty, are stored as unknown (null) instead of dropping
/// the row's features; popularity is stored. The CSV is hand-made (made-up ids and values) in a --map layout with no
/// liveness and no time_signature column.</summary>
public sealed class SpotifyFeaturesUnknownTests
{
    private const string Map = "id=id,song=title,singer=artists,dance=danceability,energy=energy,speech=speechiness,acoustic=acousticness,"
        + "instrumental=instrumentalness,valence=valence,loud=loudness,bpm=tempo,key=key,mode=mode,pop=popularity";

    // s1 complete (for this layout); s2 with an empty energy cell, key −1 (Spotify's "no key") and popularity 0; s3 with every
    // feature cell empty and no popularity; s4 with popularity 101, outside Spotify's 0–100.
    private const string Csv = "id,song,singer,dance,energy,speech,acoustic,instrumental,valence,loud,bpm,key,mode,pop\n"
        + "s1,Song One,Synth Singer,0.512,0.634,0.0456,0.123,0.00789,0.701,-5.25,120.5,5,1,73\n"
        + "s2,Song Two,Synth Singer,0.4,,0.06,0.2,0,0.3,-7,99,-1,Minor,0\n"
        + "s3,Song Three,Synth Singer,,,,,,,,,,,\n"
        + "s4,Bad Pop,Synth Singer,0.5,0.5,0.05,0.1,0,0.5,-6,100,1,1,101\n";

    private static readonly AudioFeatures S1 = new(0.512, 0.634, 0.0456, 0.123, 0.00789, null, 0.701, -5.25, 120.5, 5, 1, null);
    private static readonly AudioFeatures S2 = new(0.4, null, 0.06, 0.2, 0, null, 0.3, -7, 99, null, 0, null);

    [Fact]
    public async Task ImportAsync_LayoutWithoutLivenessAndTimeSignature_StoresTheOtherFeaturesExactAndTheMissingAsNull()
    {
        using var temp = new TempFolder();
        var file = temp.Write("no-liveness.csv", Csv);
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter { ColumnMap = Map }.ImportAsync(file, writer, rejects);

        Assert.Equal("audio features unknown (stored as null) for every row: the layout lacks liveness, time_signature", report.Notes[1]);
        Assert.Equal((4, 3, 2), (report.Read("tracks"), report.Stored("tracks"), report.Stored("audio_features")));
        Assert.Equal(
            [("spotify:track:s1", S1), ("spotify:track:s2", S2)],
            writer.All(b => b.AudioFeatures).Select(f => (f.TrackKey, f.Features)).ToArray());
        Assert.Equal(
            [("spotify:track:s1", (int?)73), ("spotify:track:s2", 0), ("spotify:track:s3", null)],
            writer.Tracks.Select(t => (t.Key, t.Details?.Popularity)).ToArray());
        var reject = Assert.Single(rejects.Items);
        Assert.Equal(("line 5", "popularity (column pop) 101 is outside [0, 100]."), (reject.Location, reject.Reason));
    }

    [Fact]
    public async Task ImportAsync_LayoutWithoutAnyFeatureColumn_StoresNoFeaturesAndSaysSo()
    {
        using var temp = new TempFolder();
        var file = temp.Write("names.csv", "song,singer\nOnly Names,Synth Singer\n");
        var writer = new FakeCatalogWriter();

        var report = await new SpotifyFeaturesImporter { ColumnMap = "song=title,singer=artists" }.ImportAsync(file, writer, new ListRejectSink());

        Assert.Equal(
            "no audio features stored: the layout has no audio-feature column (danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness, tempo, key, mode, time_signature)",
            report.Notes[1]);
        Assert.Single(writer.Tracks);
        Assert.Empty(writer.All(b => b.AudioFeatures));
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_IntoStore_StoresNullForUnknownFeaturesAndPopularityExactly(string provider)
    {
        using var folder = new TempFolder();
        var file = folder.Write("no-liveness.csv", Csv);
        await using var temp = await TempStore.CreateAsync(provider);
        var connection = temp.Store.Connection;

        var report = await new SpotifyFeaturesImporter { ColumnMap = Map }.ImportAsync(file, temp.Store.Catalog, new ListRejectSink());

        Assert.Equal(2, report.Stored("audio_features"));
        var keys = (await connection.QueryAsync<(long Id, string Key)>("SELECT id, key FROM tracks")).ToDictionary(t => t.Id, t => t.Key);
        var rows = (await connection.QueryAsync<StoredAudioFeatures.Row>(
            $"SELECT {StoredAudioFeatures.Columns} FROM audio_features WHERE extractor = 'spotify'")).OrderBy(r => keys[r.TrackId], StringComparer.Ordinal).ToList();
        Assert.Equal([("spotify:track:s1", S1), ("spotify:track:s2", S2)], rows.Select(r => (keys[r.TrackId], r.ToFeatures())).ToArray());
        Assert.Equal(
            [("spotify:track:s1", (long?)73), ("spotify:track:s2", 0), ("spotify:track:s3", null)],
            (await connection.QueryAsync<(string, long?)>("SELECT key, popularity FROM tracks ORDER BY key")).ToArray());

        // A later import of s1 with a new danceability and an empty energy cell: the known danceability replaces the stored
        // one, the unknown energy leaves the stored value (and the popularity it does not give) as they were.
        var blank = folder.Write("later.csv", "id,song,singer,dance,energy\ns1,Song One,Synth Singer,0.9,\n");
        await new SpotifyFeaturesImporter { ColumnMap = "id=id,song=title,singer=artists,dance=danceability,energy=energy" }.ImportAsync(blank, temp.Store.Catalog, new ListRejectSink());
        Assert.Equal(
            (0.9, 0.634),
            await connection.QuerySingleAsync<(double, double)>("SELECT f.danceability, f.energy FROM audio_features f JOIN tracks t ON t.id = f.track_id WHERE t.key = 'spotify:track:s1'"));
        Assert.Equal(73, await connection.ExecuteScalarAsync<long>("SELECT popularity FROM tracks WHERE key = 'spotify:track:s1'"));
    }
}
