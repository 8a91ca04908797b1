using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.SpotifyFeatures;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

public sealed class SpotifyFeaturesImporterTests
{
    private const string Header = "id,artist_names,track_name,source,key,mode,time_signature,danceability,energy,speechiness,acousticness,instrumentalness,liveness,valence,loudness,tempo,duration_ms,weeks_on_chart,streams\n";

    private static string Real => TestData.Demo("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv");

    [Fact]
    public async Task ImportAsync_RealFile_Imports6513TracksWithCreditsAndFeatures()
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter().ImportAsync(Real, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal(6513, report.Read("tracks"));
        Assert.Equal(6513, report.Stored("tracks"));
        Assert.Equal(6513, report.Stored("audio_features"));
        Assert.Equal(10618, report.Stored("track_credits"));
        Assert.Equal(writer.Artists.Count, report.Stored("artists"));
        Assert.Equal(writer.All(b => b.Labels).Count(), report.Stored("labels"));
        var tyler = EntityKeys.ArtistByName("Tyler, The Creator");
        Assert.Equal(38, writer.Credits.Count(c => c.ArtistKey == tyler));
        Assert.DoesNotContain(writer.Artists, a => a.Name == "The Creator");
        var first = writer.Tracks.Single(t => t.Key == "spotify:track:000xQL6tZNLJzIrtIgxqSl");
        Assert.Equal(
            ("Still Got Time (feat. PARTYNEXTDOOR)", "ZAYN", 188491L, EntityKeys.Label("RCA Records Label"), 107527761L, 17),
            (first.Title, first.PrimaryArtistName, first.DurationMs, first.LabelKey, first.Streams, first.WeeksOnChart));
        Assert.Equal(
            [(EntityKeys.ArtistByName("ZAYN"), CreditRole.Primary, 0), (EntityKeys.ArtistByName("PARTYNEXTDOOR"), CreditRole.Featured, 1)],
            writer.Credits.Where(c => c.TrackKey == first.Key).Select(c => (c.ArtistKey, c.Role, c.Position)).ToArray());
        var features = writer.All(b => b.AudioFeatures).Single(f => f.TrackKey == first.Key);
        Assert.Equal("spotify", features.Extractor);
        Assert.Equal(new AudioFeatures(0.748, 0.627, 0.0639, 0.131, 0.0, 0.0852, 0.524, -6.029, 120.963, 7, 1, 4), features.Features);
    }

    [Fact]
    public async Task ImportAsync_GzippedFile_IsAccepted()
    {
        using var temp = new TempFolder();
        var gz = temp.Gzip("features.csv.gz", await File.ReadAllBytesAsync(Real));

        var report = await new SpotifyFeaturesImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink());

        Assert.Equal(6513, report.Stored("tracks"));
    }

    [Fact]
    public async Task ImportAsync_MalformedRows_RejectsThemWithLineNumbersAndImportsTheRest()
    {
        using var temp = new TempFolder();
        var file = temp.Write("f.csv", Header
            + "a1,\"Tyler, The Creator, Kali Uchis\",See You Again,Columbia,F#/Gb,Major,4 beats,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + "a2,X,Bad Number,L,C,Minor,4 beats,zero,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + "a3,X,Too Few,L,C,Minor,4 beats\n"
            + "a4,X,Bad Signature,L,C,Minor,four,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + ",X,No Id,L,C,Minor,4 beats,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + "a6,Y,Fine,,Bb,Minor,3 beats,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + "a7,Z,Not A Number,L,C,Minor,4 beats,NaN,0.5,0.1,0.1,0,0.1,0.5,-5,120,180000,10,1000\n"
            + "a8,Z,Infinite,L,C,Minor,4 beats,0.5,0.5,0.1,0.1,0,0.1,0.5,-5,Infinity,180000,10,1000\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new SpotifyFeaturesImporter().ImportAsync(file, writer, rejects);

        Assert.Equal(["line 3", "line 4", "line 5", "line 6", "line 8", "line 9"], rejects.Items.Select(r => r.Location).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(rejects.Items, r => r.Location == "line 9" && r.Reason.Contains("tempo", StringComparison.Ordinal));
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Contains(rejects.Items, r => r.Location == "line 3" && r.Reason.Contains("danceability", StringComparison.Ordinal));
        Assert.Equal(8, report.Read("tracks"));
        Assert.Equal(["spotify:track:a1", "spotify:track:a6"], writer.Tracks.Select(t => t.Key).ToArray());
        Assert.Equal(["Tyler, The Creator", "Kali Uchis", "Y"], writer.Artists.Select(a => a.Name).ToArray());
        Assert.Equal((6, 1), (writer.All(b => b.AudioFeatures).First().Features.Key, writer.All(b => b.AudioFeatures).First().Features.Mode));
        Assert.Null(writer.Tracks[1].LabelKey);
        Assert.Equal(10, writer.All(b => b.AudioFeatures).Last().Features.Key);
    }

    [Theory]
    [InlineData("name,artist\nx,y\n")]
    [InlineData("{\"playlists\":[]}")]
    [InlineData("")]
    public async Task ImportAsync_NotTheFeaturesCsv_ThrowsInputFormatExceptionAndWritesNothing(string content)
    {
        using var temp = new TempFolder();
        var file = temp.Write("other.csv", content);
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyFeaturesImporter().ImportAsync(file, writer, new ListRejectSink()));

        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_MissingFile_ThrowsFileNotFoundException()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            new SpotifyFeaturesImporter().ImportAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv"), new FakeCatalogWriter(), new ListRejectSink()));
    }
}

public sealed class SpotifyFeaturesParsersTests
{
    [Theory]
    [InlineData("C", 0)]
    [InlineData("C#/Db", 1)]
    [InlineData("D", 2)]
    [InlineData("D#/Eb", 3)]
    [InlineData("E", 4)]
    [InlineData("F", 5)]
    [InlineData("F#/Gb", 6)]
    [InlineData("G", 7)]
    [InlineData("G#/Ab", 8)]
    [InlineData("A", 9)]
    [InlineData("A#/Bb", 10)]
    [InlineData("B", 11)]
    [InlineData("Db", 1)]
    [InlineData("C#", 1)]
    [InlineData("Cb", 11)]
    [InlineData("B#", 0)]
    [InlineData("E♭", 3)]
    [InlineData("", -1)]
    [InlineData(null, -1)]
    [InlineData("H", -1)]
    [InlineData("C#/Eb", -1)]
    [InlineData("C major", -1)]
    public void PitchClass_KeyName_ReturnsPitchClass(string? key, int expected) =>
        Assert.Equal(expected, SpotifyFeaturesParsers.PitchClass(key));

    [Theory]
    [InlineData("4 beats", 4)]
    [InlineData("3 beats", 3)]
    [InlineData("5 beats", 5)]
    [InlineData("1 beat", 1)]
    [InlineData("1", 1)]
    [InlineData(" 7 Beats ", 7)]
    [InlineData("four beats", null)]
    [InlineData("", null)]
    [InlineData("-4", null)]
    public void ParseTimeSignature_Text_ReturnsBeatsPerBar(string text, int? expected) =>
        Assert.Equal(expected, SpotifyFeaturesParsers.ParseTimeSignature(text));

    [Theory]
    [InlineData("Major", 1)]
    [InlineData("Minor", 0)]
    [InlineData("minor", 0)]
    [InlineData("Dorian", null)]
    public void ParseMode_Text_ReturnsMode(string text, int? expected) =>
        Assert.Equal(expected, SpotifyFeaturesParsers.ParseMode(text));

    [Theory]
    [InlineData("ZAYN, PARTYNEXTDOOR", "ZAYN|PARTYNEXTDOOR")]
    [InlineData("Tyler, The Creator", "Tyler, The Creator")]
    [InlineData("Tyler, The Creator, Kali Uchis", "Tyler, The Creator|Kali Uchis")]
    [InlineData("Kanye West, Tyler, The Creator", "Kanye West|Tyler, The Creator")]
    [InlineData("Earth, Wind & Fire", "Earth, Wind & Fire")]
    [InlineData("Bono, The Edge", "Bono|The Edge")]
    [InlineData("The Weeknd, Daft Punk", "The Weeknd|Daft Punk")]
    [InlineData("Ray Parker Jr.", "Ray Parker Jr.")]
    [InlineData("Drake, Drake", "Drake|Drake")]
    [InlineData("", "")]
    public void SplitArtistNames_List_SplitsOnCommaButKeepsKnownCommaNames(string names, string expected) =>
        Assert.Equal(expected, string.Join('|', SpotifyFeaturesParsers.SplitArtistNames(names)));
}
