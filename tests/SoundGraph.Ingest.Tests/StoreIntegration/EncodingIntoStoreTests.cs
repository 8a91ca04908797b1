using System.Text;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Importers.SpotifyFeatures;
using SoundGraph.Ingest.Tests.Importers;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>Text that is not UTF-8, into a store (issue 13): a Windows-1252 copy of a real file stores exactly what its
/// UTF-8 original stores (same content digest); a rejected line or a non-UTF-8 JSON file leaves the stored content as it
/// was. Both providers.</summary>
public sealed class EncodingIntoStoreTests
{
    [SharedTheory("spotify-top-songs-audio-features")]
    [StoreProviders]
    public async Task SpotifyFeatures_Windows1252CopyOfTheRealCsv_StoresTheSameContentAsTheUtf8Copy(string provider)
    {
        var (utf8Text, cpBytes, _) = TextEncodingTests.Windows1252Copy(TestData.Shared("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv"));
        using var folder = new TempFolder("csv");
        var utf8 = folder.Write("utf8.csv", utf8Text);
        var cp = Path.Combine(folder.Path, "cp1252.csv");
        await File.WriteAllBytesAsync(cp, cpBytes);
        await using var a = await TempStore.CreateAsync(provider);
        await using var b = await TempStore.CreateAsync(provider);

        var fromUtf8 = await new SpotifyFeaturesImporter().ImportAsync(utf8, a.Store.Catalog, new ListRejectSink());
        var fromCp = await new SpotifyFeaturesImporter().ImportAsync(cp, b.Store.Catalog, new ListRejectSink());

        Assert.Equal(fromUtf8.Stored, fromCp.Stored);
        Assert.Equal(await a.Store.ContentDigestAsync(), await b.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ListensTsv_Latin1CopyOverItsUtf8Original_StoresNothingNewAndUnderUtf8RejectsItsLines(string provider)
    {
        const string Text = "source_id\tend_time_unix\tend_time_utc\tartist_name\ttrack_name\tms_played\n"
            + "s1\t1601478780\tx\tBeyoncé\tDéjà Vu\t1000\n"
            + "s1\t1601478790\tx\tSigur Rós\tHoppípolla\t1000\n"
            + "s1\t1601478800\tx\tABBA\tSOS\t1000\n";
        await using var temp = await TempStore.CreateAsync(provider);
        using var folder = new TempFolder("listens");
        var file = folder.Write("listening_history.tsv", Text);
        Assert.Empty((await new ListensTsvImporter().ImportAsync(file, temp.Store.Catalog, new ListRejectSink())).Rejects);
        var digest = await temp.Store.ContentDigestAsync();
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(Text));

        var detected = await new ListensTsvImporter().ImportAsync(file, temp.Store.Catalog, new ListRejectSink());
        Assert.Empty(detected.Rejects);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());

        var rejects = new ListRejectSink();
        var strict = await new ListensTsvImporter { TextEncoding = InputEncoding.Utf8 }.ImportAsync(file, temp.Store.Catalog, rejects);

        Assert.Equal(["line 2", "line 3"], strict.Rejects.Select(r => r.Location).ToArray());
        Assert.All(strict.Rejects, r => Assert.StartsWith(r.Location + " is not valid UTF-8 (byte 0x", r.Reason, StringComparison.Ordinal));
        Assert.Equal(rejects.Items, strict.Rejects);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    [SharedTheory("spotify-mpd-excerpt")]
    [StoreProviders]
    public async Task Mpd_RealExcerptReencodedToLatin1_FailsNamingTheFileAndKeepsTheStore(string provider)
    {
        var real = TestData.Shared("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json");
        await using var temp = await TempStore.CreateAsync(provider);
        Assert.Empty((await new MpdImporter().ImportAsync(real, temp.Store.Catalog, new ListRejectSink())).Rejects);
        var digest = await temp.Store.ContentDigestAsync();
        var text = await File.ReadAllTextAsync(real);
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "slice.json");
        // The excerpt's non-ASCII text as Latin-1 (a character Latin-1 lacks becomes '?').
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(text));
        var firstHigh = Array.FindIndex(Encoding.Latin1.GetBytes(text), c => c > 0x7F);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MpdImporter().ImportAsync(file, temp.Store.Catalog, new ListRejectSink()));

        Assert.StartsWith($"'{file}' is not UTF-8 text, as JSON must be: byte 0x", ex.Message, StringComparison.Ordinal);
        Assert.Contains($" at offset {firstHigh:N0} (line ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }
}
