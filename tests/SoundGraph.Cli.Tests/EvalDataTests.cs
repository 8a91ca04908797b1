using SoundGraph.Cli.Jobs;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

public sealed class EvalDataTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-evaldata-" + Guid.NewGuid().ToString("N"));

    public EvalDataTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Issue 13: a track credited to two primary artists at position 0 (two spellings written by two imports, as
    /// "mgk" and "Machine Gun Kelly" were) is one interaction of its playlist, named after one artist (the lower id).</summary>
    [Fact]
    public async Task LoadPlaylistsAsync_TrackWithTwoPrimaryCredits_CountsOneInteraction()
    {
        await using var store = await SoundGraphStore.OpenAsync(Path.Combine(_dir, "t.db"));
        var b = new CatalogBatch();
        b.Artists.AddRange([new ArtistRecord("name:artist:mgk", "mgk"), new ArtistRecord("name:artist:machine gun kelly", "Machine Gun Kelly")]);
        b.Tracks.AddRange([new TrackRecord("spotify:track:x", "Bad Things"), new TrackRecord("spotify:track:y", "Other")]);
        b.Credits.AddRange([
            new CreditRecord("spotify:track:x", "name:artist:mgk", CreditRole.Primary, 0),
            new CreditRecord("spotify:track:x", "name:artist:machine gun kelly", CreditRole.Primary, 0),
        ]);
        b.Playlists.Add(new PlaylistRecord("mpd:playlist:1", "mix"));
        b.PlaylistEntries.AddRange([new PlaylistEntryRecord("mpd:playlist:1", 0, "spotify:track:x"), new PlaylistEntryRecord("mpd:playlist:1", 1, "spotify:track:y")]);
        await store.Catalog.WriteAsync(b);

        var data = await EvalData.LoadPlaylistsAsync(store, CancellationToken.None);

        Assert.Equal(2, data.Matrix.Count);
        Assert.Equal(["mgk - Bad Things", "Other"], data.ItemNames);
        Assert.Equal([0, 1], data.Ordered![0]);
    }
}
