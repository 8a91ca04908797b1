using System.IO.Compression;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Importers.SpotifyFeatures;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>A cut-off or damaged gzip file is an error that names the file and how far it got, and stores nothing
/// (issue 13, F5: .NET's GZipStream ends a cut-off stream quietly, so a listening history cut to a third imported a
/// third of its rows with exit 0). The cuts are made at test time. Both providers.</summary>
public sealed class TruncatedGzipTests
{
    [SharedTheory("spotify-account-export-playlists")]
    [StoreProviders]
    public async Task ImportAsync_ListeningHistoryGzipCutToAThird_FailsNamingHowFarItGotAndStoresNoListen(string provider)
    {
        var real = await File.ReadAllBytesAsync(TestData.Shared("spotify-account-export-playlists", "listening_history.tsv.gz"));
        using var folder = new TempFolder();
        var cut = Path.Combine(folder.Path, "listening_history.tsv.gz");
        await File.WriteAllBytesAsync(cut, real[..(real.Length / 3)]);
        await using var temp = await TempStore.CreateAsync(provider);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new ListensTsvImporter().ImportAsync(cut, temp.Store.Catalog, new ListRejectSink()));

        Assert.Equal(
            $"'{cut}' is a cut-off or damaged gzip file: the data does not match the CRC-32 and length in the gzip trailer, after "
            + "5,839,371 bytes (84,648 lines) decompressed from its 1,278,234 bytes; nothing of it was imported.",
            ex.Message);
        Assert.Equal(0, (await temp.Store.CountRowsAsync())["listens"]);
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_FeaturesGzipCutTo200KbOverAStoredImport_FailsAndLeavesTheStoreAsItWas(string provider)
    {
        using var folder = new TempFolder();
        var gz = folder.Gzip("features.csv.gz", await File.ReadAllBytesAsync(TestData.Demo("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv")));
        await using var temp = await TempStore.CreateAsync(provider);
        Assert.Empty((await new SpotifyFeaturesImporter().ImportAsync(gz, temp.Store.Catalog, new ListRejectSink())).Rejects);
        var digest = await temp.Store.ContentDigestAsync();
        var bytes = await File.ReadAllBytesAsync(gz);
        Assert.True(bytes.Length > 200_000, $"the gzip is {bytes.Length} bytes");
        await File.WriteAllBytesAsync(gz, bytes[..200_000]);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyFeaturesImporter().ImportAsync(gz, temp.Store.Catalog, new ListRejectSink()));

        Assert.Matches(
            $"^'{System.Text.RegularExpressions.Regex.Escape(gz)}' is a cut-off or damaged gzip file: the data does not match the CRC-32 and length in the gzip trailer, "
            + @"after [1-9][0-9,]* bytes \([1-9][0-9,]* lines\) decompressed from its 200,000 bytes; nothing of it was imported\.$",
            ex.Message);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    [Fact]
    public async Task ImportAsync_GzipWithDamagedDeflateData_FailsNamingTheFile()
    {
        using var folder = new TempFolder();
        var gz = folder.Gzip("slice.json.gz", await File.ReadAllBytesAsync(TestData.Demo("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv")));
        var bytes = await File.ReadAllBytesAsync(gz);
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(gz, bytes);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyFeaturesImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink()));

        Assert.StartsWith($"'{gz}' is a cut-off or damaged gzip file: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing of it was imported.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(17)]
    public async Task ImportAsync_GzipCutInsideItsHeader_FailsNamingTheFile(int length)
    {
        using var folder = new TempFolder();
        var gz = folder.Gzip("slice.json.gz", "{\"playlists\":[]}"u8.ToArray());
        var bytes = await File.ReadAllBytesAsync(gz);
        await File.WriteAllBytesAsync(gz, bytes[..length]);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MpdImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink()));

        Assert.StartsWith($"'{gz}' is a cut-off or damaged gzip file: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_TwoConcatenatedGzipMembers_ImportsBothAndACutStillFails()
    {
        using var folder = new TempFolder();
        var csv = await File.ReadAllBytesAsync(TestData.Demo("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv"));
        var half = Array.LastIndexOf(csv, (byte)'\n', csv.Length / 2) + 1;
        var a = await File.ReadAllBytesAsync(folder.Gzip("a.gz", csv[..half]));
        var b = await File.ReadAllBytesAsync(folder.Gzip("b.gz", csv[half..]));
        var gz = Path.Combine(folder.Path, "features.csv.gz");
        await File.WriteAllBytesAsync(gz, [.. a, .. b]);

        var report = await new SpotifyFeaturesImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink());

        Assert.Equal(6513, report.Stored("tracks"));
        await File.WriteAllBytesAsync(gz, [.. a, .. b[..(b.Length / 2)]]);
        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyFeaturesImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink()));
        Assert.StartsWith($"'{gz}' is a cut-off or damaged gzip file: the data does not match the CRC-32 and length in the gzip trailer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_WholeGzip_StillImports()
    {
        using var folder = new TempFolder();
        using var raw = new MemoryStream();
        await using (var z = new GZipStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await z.WriteAsync(await File.ReadAllBytesAsync(TestData.Demo("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv")));
        }

        var gz = Path.Combine(folder.Path, "features.csv.gz");
        await File.WriteAllBytesAsync(gz, raw.ToArray());

        var report = await new SpotifyFeaturesImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink());

        Assert.Equal(6513, report.Stored("tracks"));
    }
}
