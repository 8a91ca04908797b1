using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>Imports each real dataset into a fresh SQLite store, twice: exact table counts, and the second import
/// leaves the same rows, value for value (equal content digests).</summary>
public sealed class RealFilesIntoSqliteTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-int-" + Guid.NewGuid().ToString("N"));

    public RealFilesIntoSqliteTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<IReadOnlyDictionary<string, long>> ImportTwiceAsync(string format, string path)
    {
        await using var store = await SoundGraphStore.OpenAsync(Path.Combine(_dir, "t.db"));
        var importer = ImporterCatalog.Get(format);
        var rejects = new ListRejectSink();
        await importer.ImportAsync(path, store.Catalog, rejects);
        var counts = await store.CountRowsAsync();
        var digest = await store.ContentDigestAsync();
        await importer.ImportAsync(path, store.Catalog, rejects);
        Assert.Equal(counts, await store.CountRowsAsync());
        Assert.Equal(digest, await store.ContentDigestAsync());
        return counts;
    }

    [Fact]
    public async Task HetrecLastfm_RealFolder_StoresExactCountsIdempotently()
    {
        var n = await ImportTwiceAsync("hetrec-lastfm", SharedData.Path("hetrec2011-lastfm-2k"));
        Assert.Equal(1892, n["users"]);
        Assert.Equal(17632 - 83 + 390, n["artists"]); // 83 ids share a normalized name; 390 ids appear only in the tag file
        Assert.Equal(92834 - 35, n["engagements"]); // 35 rows are a second HetRec id of an artist the user also played: summed
        Assert.Equal(25434, n["user_follows"]);
        Assert.Equal(186478 - 408, n["artist_tags"]); // 408 become identical once two ids of one artist name merge
        Assert.Equal(TagCountHetrec, n["tags"]);
    }

    [Fact]
    public async Task SpotifyFeatures_RealCsv_StoresExactCountsIdempotently()
    {
        var n = await ImportTwiceAsync("spotify-features", SharedData.Path("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv"));
        Assert.Equal(6513, n["tracks"]);
        Assert.Equal(6513, n["audio_features"]);
        Assert.Equal(10618, n["track_credits"]);
        Assert.Equal(2044, n["artists"]);
        Assert.Equal(956, n["labels"]);
    }

    [Fact]
    public async Task Mpd_Sample_StoresExactCountsIdempotently()
    {
        var n = await ImportTwiceAsync("mpd", SharedData.Path("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json"));
        Assert.Equal(5, n["playlists"]);
        Assert.Equal(298, n["playlist_tracks"]);
        Assert.Equal(MpdTracks, n["tracks"]);
        Assert.Equal(MpdTracks, n["track_credits"]);
    }

    [Fact]
    public async Task SpotifyExport_FormatSample_StoresExactCountsIdempotently()
    {
        var n = await ImportTwiceAsync("spotify-export", SharedData.Path("spotify-account-export-format-sample"));
        Assert.Equal(13, n["playlists"]);
        Assert.Equal(277, n["playlist_tracks"]);
        Assert.Equal(10000, n["listens"]);
        Assert.Equal(1, n["users"]);
    }

    [Fact]
    public async Task PlaylistsTsv_RealFolder_StoresExactCountsIdempotently()
    {
        var n = await ImportTwiceAsync("playlists-tsv", SharedData.Path("spotify-account-export-playlists"));
        Assert.Equal(2857, n["playlists"]);
        Assert.Equal(211917, n["playlist_tracks"]);
        Assert.Equal(93, n["users"]);
    }

    [Fact]
    public async Task ListensTsv_RealFile_StoresEachDistinctPlayOnceIdempotently()
    {
        var n = await ImportTwiceAsync("listens-tsv", SharedData.Path("spotify-account-export-playlists", "listening_history.tsv.gz"));
        Assert.Equal(248545 - 18106, n["listens"]);
        Assert.Equal(11, n["users"]);
    }

    // Measured on the real files.
    private const long TagCountHetrec = 9609; // tags that are assigned at least once, distinct after normalization (tags.dat lists 11,946)
    private const long MpdTracks = 297; // 298 entries, one track in two playlists
}
