using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>Imports each real dataset into a fresh store, twice, on every test provider (SQLite, and PostgreSQL when
/// SOUNDGRAPH_TEST_PG is set): exact table counts, and the second import
/// leaves the same rows, value for value (equal content digests).</summary>
public sealed class RealFilesIntoStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-int-" + Guid.NewGuid().ToString("N"));

    public RealFilesIntoStoreTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<IReadOnlyDictionary<string, long>> ImportTwiceAsync(string provider, string format, string path)
    {
        if (provider == "postgres")
        {
            var (schema, db) = await TestDatabases.CreateSchemaAsync();
            try
            {
                return await ImportTwiceAsync(db, format, path, provider);
            }
            finally
            {
                await TestDatabases.DropSchemaAsync(schema);
            }
        }

        return await ImportTwiceAsync(Path.Combine(_dir, "t.db"), format, path, provider);
    }

    private static async Task<IReadOnlyDictionary<string, long>> ImportTwiceAsync(string db, string format, string path, string provider)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        Assert.Equal(provider == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite, store.Provider);
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

    [Theory]
    [StoreProviders]
    public async Task HetrecLastfm_RealFolder_StoresExactCountsIdempotently(string provider)
    {
        var n = await ImportTwiceAsync(provider, "hetrec-lastfm", TestData.Demo("hetrec2011-lastfm-2k"));
        Assert.Equal(1892, n["users"]);
        Assert.Equal(17632 - 83 + 390, n["artists"]); // 83 ids share a normalized name; 390 ids appear only in the tag file
        Assert.Equal(92834 - 35, n["engagements"]); // 35 rows are a second HetRec id of an artist the user also played: summed
        Assert.Equal(25434, n["user_follows"]);
        Assert.Equal(186478 - 408 - 5, n["artist_tags"]); // 408 become identical once two ids of one artist name merge; 5 dated 1956–1979 are rejected
        Assert.Equal(TagCountHetrec, n["tags"]);
    }

    [Theory]
    [StoreProviders]
    public async Task SpotifyFeatures_RealCsv_StoresExactCountsIdempotently(string provider)
    {
        var n = await ImportTwiceAsync(provider, "spotify-features", TestData.Demo("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv"));
        Assert.Equal(6513, n["tracks"]);
        Assert.Equal(6513, n["audio_features"]);
        Assert.Equal(10618, n["track_credits"]);
        Assert.Equal(2044, n["artists"]);
        Assert.Equal(956, n["labels"]);
    }

    [SharedTheory("spotify-mpd-excerpt")]
    [StoreProviders]
    public async Task Mpd_Sample_StoresExactCountsIdempotently(string provider)
    {
        var n = await ImportTwiceAsync(provider, "mpd", TestData.Shared("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json"));
        Assert.Equal(5, n["playlists"]);
        Assert.Equal(298, n["playlist_tracks"]);
        Assert.Equal(MpdTracks, n["tracks"]);
        Assert.Equal(MpdTracks, n["track_credits"]);
    }

    [SharedTheory("spotify-account-export-format-sample")]
    [StoreProviders]
    public async Task SpotifyExport_FormatSample_StoresExactCountsIdempotently(string provider)
    {
        var n = await ImportTwiceAsync(provider, "spotify-export", TestData.Shared("spotify-account-export-format-sample"));
        Assert.Equal(13, n["playlists"]);
        Assert.Equal(277, n["playlist_tracks"]);
        Assert.Equal(10000, n["listens"]);
        Assert.Equal(1, n["users"]);
    }

    [SharedTheory("spotify-account-export-playlists")]
    [StoreProviders]
    public async Task PlaylistsTsv_RealFolder_StoresExactCountsIdempotently(string provider)
    {
        var n = await ImportTwiceAsync(provider, "playlists-tsv", TestData.Shared("spotify-account-export-playlists"));
        Assert.Equal(2857, n["playlists"]);
        Assert.Equal(211917, n["playlist_tracks"]);
        Assert.Equal(93, n["users"]);
    }

    [SharedTheory("spotify-account-export-playlists")]
    [StoreProviders]
    public async Task ListensTsv_RealFile_StoresEachDistinctPlayOnceIdempotently(string provider)
    {
        var n = await ImportTwiceAsync(provider, "listens-tsv", TestData.Shared("spotify-account-export-playlists", "listening_history.tsv.gz"));
        Assert.Equal(248545 - 18106, n["listens"]);
        Assert.Equal(11, n["users"]);
    }

    // Measured on the real files.
    private const long TagCountHetrec = 9608; // tags that are assigned at least once, distinct after normalization (tags.dat lists 11,946; one is used only by a row dated 1956, rejected)
    private const long MpdTracks = 297; // 298 entries, one track in two playlists
}
