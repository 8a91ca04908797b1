using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.SpotifyFeatures;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

// Inputs for the Spotify Tracks Dataset and TidyTuesday layouts are hand-written, synthetic rows (made-up ids "t1", "tt1",
// made-up titles and values) in the real files' column layouts; only the MSD test reads a real file.
public sealed class SpotifyFeaturesLayoutTests
{
    private const string TopSongsHeader = "id,artist_names,track_name,source,key,mode,time_signature,danceability,energy,speechiness,acousticness,instrumentalness,liveness,valence,loudness,tempo,duration_ms,weeks_on_chart,streams\n";

    private const string TracksDatasetHeader = ",track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre\n";

    private const string TidyTuesdayHeader = "track_id,track_name,track_artist,track_popularity,track_album_id,track_album_name,track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms\n";

    [Fact]
    public async Task ImportAsync_TracksDatasetLayout_SplitsArtistsOnSemicolonAndSkipsTheRepeatInAnotherGenre()
    {
        using var temp = new TempFolder();
        var file = temp.Write("dataset.csv", TracksDatasetHeader
            + "0,t1,Synth Artist A;Synth Artist B,Synthetic Album,Synthetic Song,73,230666,False,0.676,0.461,1,-6.746,0,0.143,0.0322,1.01e-06,0.358,0.715,87.917,4,acoustic\n"
            + "1,t2,Synth Artist C,,Other Song,0,149610,True,0.42,0.166,-1,-17.235,1,0.0763,0.924,5.56e-06,0.101,0.267,77.489,0,ambient\n"
            + "2,t1,Synth Artist A;Synth Artist B,Synthetic Album,Synthetic Song,73,230666,False,0.676,0.461,1,-6.746,0,0.143,0.0322,1.01e-06,0.358,0.715,87.917,4,pop\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter().ImportAsync(file, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal((3, 2, 1), (report.Read("tracks"), report.Stored("tracks"), report.Skipped("repeated track (already imported from an earlier row)")));
        Assert.StartsWith("layout spotify-tracks-dataset: track_id → id, artists, album_name → album, track_name → title, popularity, duration_ms, ", report.Notes.Single(), StringComparison.Ordinal);
        var t1 = writer.Tracks[0];
        Assert.Equal(
            ("spotify:track:t1", "Synthetic Song", "Synth Artist A", "Synthetic Album", 230666L, (string?)null, (long?)null, (int?)null, "acoustic"),
            (t1.Key, t1.Title, t1.PrimaryArtistName, t1.Album, t1.DurationMs, t1.LabelKey, t1.Streams, t1.WeeksOnChart, t1.Details?.Genre));
        Assert.Null(writer.Tracks[1].Album);
        Assert.Equal(
            [(EntityKeys.ArtistByName("Synth Artist A"), CreditRole.Primary, 0), (EntityKeys.ArtistByName("Synth Artist B"), CreditRole.Featured, 1)],
            writer.Credits.Where(c => c.TrackKey == t1.Key).Select(c => (c.ArtistKey, c.Role, c.Position)).ToArray());
        var features = writer.All(b => b.AudioFeatures).ToList();
        Assert.Equal(new AudioFeatures(0.676, 0.461, 0.143, 0.0322, 1.01e-06, 0.358, 0.715, -6.746, 87.917, 1, 0, 4), features[0].Features);
        // Spotify's unknown markers, key −1 and time signature 0, are stored as unknown (null).
        Assert.Equal(new AudioFeatures(0.42, 0.166, 0.0763, 0.924, 5.56e-06, 0.101, 0.267, -17.235, 77.489, null, 1, null), features[1].Features);
        Assert.Equal([73, 0], writer.Tracks.Select(t => t.Details?.Popularity).ToArray());
    }

    [Fact]
    public async Task ImportAsync_TidyTuesdayLayout_StoresTimeSignatureAsUnknownAndSkipsTheRepeatInAnotherPlaylist()
    {
        using var temp = new TempFolder();
        var file = temp.Write("spotify_songs.csv", TidyTuesdayHeader
            + "tt1,Synthetic Tune,Synth Singer,66,alb1,Synthetic Record,2019-06-14,Synth Playlist,pl1,pop,dance pop,0.748,0.916,6,-2.634,1,0.0583,0.102,0,0.0653,0.518,122.036,194754\n"
            + "tt1,Synthetic Tune,Synth Singer,66,alb1,Synthetic Record,2019-06-14,Other Playlist,pl2,rock,hard rock,0.748,0.916,6,-2.634,1,0.0583,0.102,0,0.0653,0.518,122.036,194754\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter().ImportAsync(file, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal((2, 1, 1), (report.Read("tracks"), report.Stored("tracks"), report.Skipped("repeated track (already imported from an earlier row)")));
        Assert.Equal(2, report.Notes.Count);
        Assert.StartsWith("layout tidytuesday-spotify-songs: track_id → id, track_name → title, track_artist → artists, ", report.Notes[0], StringComparison.Ordinal);
        Assert.Equal("audio features unknown (stored as null) for every row: the layout lacks time_signature", report.Notes[1]);
        var t = writer.Tracks.Single();
        Assert.Equal(
            ("spotify:track:tt1", "Synthetic Tune", "Synth Singer", "Synthetic Record", 194754L, "pop", 66),
            (t.Key, t.Title, t.PrimaryArtistName, t.Album, t.DurationMs, t.Details?.Genre, t.Details?.Popularity));
        Assert.Equal(new AudioFeatures(0.748, 0.916, 0.0583, 0.102, 0, 0.0653, 0.518, -2.634, 122.036, 6, 1, null), writer.All(b => b.AudioFeatures).Single().Features);
    }

    [SharedFact("spotify-msd-music-info-subset")]
    public async Task ImportAsync_MsdMusicInfoSubset_Imports5000TracksKeyedBySpotifyId()
    {
        var path = TestData.Shared("spotify-msd-music-info-subset", "music_info_subset.csv");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter().ImportAsync(path, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal((5000, 5000, 5000, 5000), (report.Read("tracks"), report.Stored("tracks"), report.Stored("audio_features"), report.Stored("track_credits")));
        Assert.StartsWith("layout msd-spotify-music-info: name → title, artist → artists, spotify_id → id, ", report.Notes.Single(), StringComparison.Ordinal);
        var nirvana = writer.Tracks.Single(t => t.Key == "spotify:track:0keNu0t0tqsWtExGM3nT1D");
        Assert.Equal(("Come as You Are", "Nirvana", 218920L, (string?)null), (nirvana.Title, nirvana.PrimaryArtistName, nirvana.DurationMs, nirvana.Album));
        Assert.Equal(
            new AudioFeatures(0.508, 0.826, 0.04, 0.000175, 0.000459, 0.0878, 0.543, -5.783, 120.012, 4, 0, 4),
            writer.All(b => b.AudioFeatures).Single(f => f.TrackKey == nirvana.Key).Features);
    }

    [Fact]
    public async Task ImportAsync_ColumnMap_ReadsOnlyTheMappedColumnsWithThousandsSeparatorsAndLineBreaks()
    {
        using var temp = new TempFolder();
        var file = temp.Write("custom.csv", "song,singer,bpm,plays,ignored\n"
            + "\"Two\nLines\",Synth Singer,128,\"1,234,567\",x\n"
            + "Plain,Synth Singer; Guest,90.5,12,y\n"
            + "Bad Plays,Synth Singer,90,\"1,23\",z\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter { ColumnMap = "song=title, singer=artists ,bpm=tempo,plays=streams" }.ImportAsync(file, writer, rejects);

        Assert.Equal(["layout custom (--map): song → title, singer → artists, bpm → tempo, plays → streams",
            "audio features unknown (stored as null) for every row: the layout lacks danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness, key, mode, time_signature"],
            report.Notes);
        (string, string, long?, long?)[] expectedTracks =
            [(EntityKeys.TrackByName("Synth Singer", "Two\nLines"), "Two\nLines", 1234567, null), (EntityKeys.TrackByName("Synth Singer", "Plain"), "Plain", 12, null)];
        Assert.Equal(
            expectedTracks,
            writer.Tracks.Select(t => (t.Key, t.Title, t.Streams, t.DurationMs)).ToArray());
        Assert.Equal(["Synth Singer", "Guest"], writer.Artists.Select(a => a.Name).Distinct().ToArray());
        // The one feature the layout has, tempo, is stored; the eleven others are unknown.
        Assert.Equal(
            [new AudioFeatures(null, null, null, null, null, null, null, null, 128, null, null, null), new AudioFeatures(null, null, null, null, null, null, null, null, 90.5, null, null, null)],
            writer.All(b => b.AudioFeatures).Select(f => f.Features).ToArray());
        var reject = Assert.Single(rejects.Items);
        Assert.Equal((file, "line 5", "streams (column plays) '1,23' is not an integer."), (reject.File, reject.Location, reject.Reason));
    }

    [Theory]
    [InlineData("song=titel", "--map entry 'song=titel': unknown field 'titel'. Known fields: id, title, artists, album, label, genre, duration_ms, streams, weeks_on_chart, popularity, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness, tempo, key, mode, time_signature.")]
    [InlineData("song", "--map entry 'song' is not column=field.")]
    [InlineData("bpm=tempo", "--map has no column for the field 'title' (every track needs a title).")]
    [InlineData("a=title,b=title", "--map maps two columns to the field 'title'.")]
    [InlineData("a=title,A=artists", "--map names the column 'A' twice.")]
    public void ParseMap_InvalidMap_ThrowsNamingTheEntry(string map, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => SpotifyFeaturesLayout.ParseMap(map));

        Assert.Equal(expected, ex.Message.Replace(" (Parameter 'map')", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_ColumnMapNamesAColumnNotInTheHeader_ThrowsNamingItAndWritesNothing()
    {
        using var temp = new TempFolder();
        var file = temp.Write("custom.csv", "song,singer\nA,B\n");
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyFeaturesImporter { ColumnMap = "song=title,bpm=tempo" }.ImportAsync(file, writer, new ListRejectSink()));

        Assert.Equal($"'{file}' has no column 'bpm' (mapped to tempo); its columns are: song, singer.", ex.Message);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public void ImporterCatalogGet_ColumnMapForAnotherFormat_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImporterCatalog.Get("mpd", columnMap: "a=title"));

        Assert.StartsWith("--map applies to spotify-features only, not to mpd.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_UnknownLayout_ThrowsSuggestingMap()
    {
        using var temp = new TempFolder();
        var file = temp.Write("other.csv", "song,singer\nA,B\n");

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyFeaturesImporter().ImportAsync(file, new FakeCatalogWriter(), new ListRejectSink()));

        Assert.Equal($"'{file}' is in no known Spotify audio-feature layout (spotify-top-songs, tidytuesday-spotify-songs, spotify-tracks-dataset, msd-spotify-music-info); name its columns with --map column=field,…", ex.Message);
    }

    [Theory]
    [InlineData("duration_ms", "0", "duration_ms 0 is not above 0 and below a day (86,400,000 ms).")]
    [InlineData("duration_ms", "86400000", "duration_ms 86400000 is not above 0 and below a day (86,400,000 ms).")]
    [InlineData("streams", "-1", "streams -1 is negative.")]
    [InlineData("weeks_on_chart", "-3", "weeks_on_chart -3 is negative.")]
    [InlineData("danceability", "1.01", "danceability 1.01 is outside [0, 1].")]
    [InlineData("valence", "-0.1", "valence -0.1 is outside [0, 1].")]
    [InlineData("tempo", "300.5", "tempo 300.5 is outside [0, 300] BPM.")]
    [InlineData("loudness", "-61", "loudness -61 is outside [-60, 5] dB.")]
    [InlineData("loudness", "5.5", "loudness 5.5 is outside [-60, 5] dB.")]
    [InlineData("key", "12", "key 12 is not a pitch class (0–11, or −1 for unknown).")]
    [InlineData("mode", "2", "mode '2' is neither Major (1) nor Minor (0).")]
    [InlineData("energy", "high", "energy 'high' is not a number.")] // an empty cell is unknown, not rejected (SpotifyFeaturesUnknownTests)
    [InlineData("time_signature", "four", "time_signature 'four' is not a number of beats.")]
    public async Task ImportAsync_ValueOutOfRange_RejectsThatRowNamingFieldAndValue(string column, string value, string expected)
    {
        var good = new Dictionary<string, string>
        {
            ["id"] = "g1", ["artist_names"] = "Synth", ["track_name"] = "Good", ["source"] = "L", ["key"] = "C", ["mode"] = "Major",
            ["time_signature"] = "4 beats", ["danceability"] = "0.5", ["energy"] = "0.5", ["speechiness"] = "0.1", ["acousticness"] = "0.1",
            ["instrumentalness"] = "0", ["liveness"] = "0.1", ["valence"] = "0.5", ["loudness"] = "-5", ["tempo"] = "120",
            ["duration_ms"] = "180000", ["weeks_on_chart"] = "10", ["streams"] = "1000",
        };
        var columns = TopSongsHeader.TrimEnd('\n').Split(',');
        var bad = new Dictionary<string, string>(good) { ["id"] = "b1", [column] = value };
        using var temp = new TempFolder();
        var file = temp.Write("f.csv", TopSongsHeader + string.Join(',', columns.Select(c => bad[c])) + "\n" + string.Join(',', columns.Select(c => good[c])) + "\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new SpotifyFeaturesImporter().ImportAsync(file, writer, rejects);

        var reject = Assert.Single(rejects.Items);
        Assert.Equal((file, "line 2", expected), (reject.File, reject.Location, reject.Reason));
        Assert.Equal("spotify:track:g1", Assert.Single(writer.Tracks).Key);
    }

    [Fact]
    public async Task ImportAsync_NameLongerThan1000Characters_RejectsThatRow()
    {
        using var temp = new TempFolder();
        var title = new string('x', 1001);
        var file = temp.Write("f.csv", TopSongsHeader
            + $"b1,Synth,{title},L,C,Major,4 beats,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + $"g1,Synth,{title[..1000]},L,C,Major,4 beats,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,\"1,000\"\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new SpotifyFeaturesImporter().ImportAsync(file, writer, rejects);

        Assert.Equal($"title (column track_name) is 1,001 characters long, more than 1,000: '{new string('x', 40)}…'.", Assert.Single(rejects.Items).Reason);
        Assert.Equal(("spotify:track:g1", (long?)1000), (Assert.Single(writer.Tracks).Key, writer.Tracks[0].Streams));
    }

    [Fact]
    public async Task ImportAsync_TopSongsFile_NotesTheLayoutAndItsMapping()
    {
        using var temp = new TempFolder();
        var file = temp.Write("f.csv", TopSongsHeader);

        var report = await new SpotifyFeaturesImporter().ImportAsync(file, new FakeCatalogWriter(), new ListRejectSink());

        Assert.Equal(
            ["layout spotify-top-songs: id, artist_names → artists, track_name → title, source → label, key, mode, time_signature, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness, tempo, duration_ms, weeks_on_chart, streams"],
            report.Notes);
    }
}
