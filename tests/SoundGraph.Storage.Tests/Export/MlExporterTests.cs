using System.Text.Json;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Export;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Export;

public sealed class MlExporterTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>The likes catalog with t1's SoundCloud counts set by SQL and one stored co-library relation A → B.</summary>
    private static async Task<(TempStore Temp, Dictionary<string, long> Ids)> StoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(LikesCatalog.Batch());
        var c = temp.Store.Connection;
        await c.ExecuteAsync("UPDATE tracks SET playback_count = 500, like_count = 20, repost_count = 3 WHERE key = 'test:track:1'");
        var ids = (await c.QueryAsync<(string Key, long Id)>(
            "SELECT key, id FROM artists UNION ALL SELECT key, id FROM tracks UNION ALL SELECT key, id FROM users UNION ALL SELECT key, id FROM playlists UNION ALL SELECT key, id FROM labels UNION ALL SELECT 'tag:' || name_norm, id FROM tags"))
            .ToDictionary(r => r.Key, r => r.Id);
        await temp.Store.Relations.ReplaceRelationsAsync(
            RelationKind.ArtistCoLibrary,
            [new(RelationKind.ArtistCoLibrary, ids["name:artist:a"], ids["name:artist:b"], 1.0, 2, []), new(RelationKind.ArtistCoLibrary, ids["name:artist:a"], ids["name:artist:c"], 0.5, 1, [])],
            DateTimeOffset.UnixEpoch);
        return (temp, ids);
    }

    private Task<MlExportResult> ExportAsync(TempStore temp, MlExportOptions? options = null) =>
        new MlExporter(temp.Store.Connection, new FixedTime(At)).ExportAsync(options ?? new MlExportOptions { OutputDirectory = _dir });

    private string Read(string file) => File.ReadAllText(Path.Combine(_dir, file));

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_LikesCatalog_WritesExactNodeAndEdgeFiles(string provider)
    {
        var (temp, id) = await StoreAsync(provider);
        await using var _ = temp;

        var result = await ExportAsync(temp);

        Assert.Equal(
            [
                "nodes_tracks.csv", "nodes_artists.csv", "nodes_users.csv", "nodes_playlists.csv", "nodes_tags.csv", "nodes_labels.csv",
                "edges_artist_co_library.csv",
                "edges_playlist_track.csv", "edges_user_like_track.csv", "edges_user_repost_track.csv", "edges_user_comment_track.csv",
                "edges_user_play_artist.csv", "edges_track_artist.csv", "edges_track_tag.csv", "edges_artist_tag.csv", "edges_track_label.csv",
                "edges_user_follow.csv", "track_features.csv",
                "edges_split_likes_train.csv", "edges_split_likes_validation.csv", "edges_split_likes_test.csv",
            ],
            result.Files.Select(f => f.Name));
        Assert.Equal(result.Files.Select(f => f.Name).Append("metadata.json").Append("README.md").Order(), Directory.GetFiles(_dir).Select(Path.GetFileName).Order());

        // Index = rank of the id within its type; names with a comma and quotes are RFC 4180 quoted.
        Assert.Equal(
            $"index,id,key,name\n0,{id["test:track:1"]},test:track:1,One\n1,{id["test:track:2"]},test:track:2,Two\n2,{id["test:track:3"]},test:track:3,Three\n3,{id["test:track:4"]},test:track:4,\"Four, \"\"quoted\"\"\"\n",
            Read("nodes_tracks.csv"));
        Assert.Equal($"index,id,key,name\n0,{id["tag:rock"]},rock,Rock\n", Read("nodes_tags.csv"));
        Assert.Equal($"index,id,key,name\n0,{id["name:label:l"]},name:label:l,L\n", Read("nodes_labels.csv"));

        // Users u1..u4 → 0..3, tracks t1..t4 → 0..3, artists A, B, C → 0..2.
        Assert.Equal("src_index,dst_index,weight,count\n0,1,1,2\n0,2,0.5,1\n", Read("edges_artist_co_library.csv"));
        Assert.Equal("src_index,dst_index\n0,0\n0,1\n1,0\n1,2\n2,3\n", Read("edges_user_like_track.csv"));
        Assert.Equal("src_index,dst_index\n0,2\n", Read("edges_user_repost_track.csv"));
        Assert.Equal("src_index,dst_index,count\n0,0,2\n", Read("edges_user_comment_track.csv"));
        Assert.Equal("src_index,dst_index,count\n1,0,4\n3,2,9\n", Read("edges_user_play_artist.csv"));
        Assert.Equal("src_index,dst_index,position\n0,0,0\n0,1,1\n0,0,2\n", Read("edges_playlist_track.csv"));
        Assert.Equal("src_index,dst_index,role,position\n0,0,0,0\n0,1,1,1\n1,0,0,0\n2,2,0,0\n", Read("edges_track_artist.csv"));
        Assert.Equal("src_index,dst_index,count\n0,0,1\n", Read("edges_track_tag.csv"));
        Assert.Equal("src_index,dst_index,count\n0,0,1\n", Read("edges_artist_tag.csv"));
        Assert.Equal("src_index,dst_index\n1,0\n", Read("edges_track_label.csv"));
        Assert.Equal("src_index,dst_index\n0,1\n", Read("edges_user_follow.csv"));
    }

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_TrackFeatures_OneRowPerTrackWithEmptyCellsForUnknowns(string provider)
    {
        var (temp, id) = await StoreAsync(provider);
        await using var _ = temp;

        await ExportAsync(temp);

        var lines = Read("track_features.csv").Split('\n');
        Assert.Equal(
            "index,id,duration_ms,playback_count,like_count,repost_count,comment_count,bpm,streams,danceability,energy,speechiness,acousticness,instrumentalness,liveness,valence,loudness_db,tempo_bpm,musical_key,mode,time_signature",
            lines[0]);
        Assert.Equal($"0,{id["test:track:1"]},200000,500,20,3,,,,0.8,0.7,0.05,0.1,0,0.1,0.6,-5.5,120,1,1,4", lines[1]);
        Assert.Equal($"3,{id["test:track:4"]},,,,,,,,,,,,,,,,,,,", lines[4]);
        Assert.Equal(6, lines.Length); // header, four tracks, final newline
    }

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_LikesSplit_HoldsOutOnlyFromUsersWithTwoLikes(string provider)
    {
        var (temp, _) = await StoreAsync(provider);
        await using var __ = temp;

        // 5 likes: u1 {t1, t2}, u2 {t1, t3}, u3 {t4}. Quotas ⌊0.2·5⌋ = 1 each; u3's single like must train, and u1 and u2
        // can each give at most one like, so exactly one test and one validation edge, from different users.
        var result = await ExportAsync(temp, new MlExportOptions { OutputDirectory = _dir, ValidationFraction = 0.2, TestFraction = 0.2, Seed = 7 });

        var train = Edges("edges_split_likes_train.csv");
        var validation = Edges("edges_split_likes_validation.csv");
        var test = Edges("edges_split_likes_test.csv");
        Assert.Equal((3L, 1L, 1L), (result.TrainEdges, result.ValidationEdges, result.TestEdges));
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 0), (1, 2), (2, 3) }, train.Concat(validation).Concat(test).Order());
        Assert.Contains((2, 3), train);
        Assert.NotEqual(validation[0].Src, test[0].Src);
        Assert.All(validation.Concat(test), e => Assert.Contains(train, t => t.Src == e.Src));
        Assert.StartsWith("src_index,dst_index,count\n", Read("edges_split_likes_test.csv"), StringComparison.Ordinal);
    }

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_SameSeedTwice_WritesIdenticalSplits(string provider)
    {
        var (temp, _) = await StoreAsync(provider);
        await using var __ = temp;
        var options = new MlExportOptions { OutputDirectory = _dir, Target = MlExportTarget.Playlists, ValidationFraction = 0.3, TestFraction = 0.3, Seed = 3 };

        await ExportAsync(temp, options);
        var first = Read("edges_split_playlists_train.csv") + Read("edges_split_playlists_validation.csv") + Read("edges_split_playlists_test.csv");
        await ExportAsync(temp, options with { Overwrite = true });
        var second = Read("edges_split_playlists_train.csv") + Read("edges_split_playlists_validation.csv") + Read("edges_split_playlists_test.csv");

        Assert.Equal(first, second);
        // P1 = [t1, t2, t1]: two distinct pairs, t1 counted twice; quotas ⌊0.3·2⌋ = 0, so both train.
        Assert.Equal("src_index,dst_index,count\n0,0,2\n0,1,1\n", Read("edges_split_playlists_train.csv"));
    }

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_Metadata_RecordsCountsSeedFractionsAndColumnDocs(string provider)
    {
        var (temp, _) = await StoreAsync(provider);
        await using var __ = temp;

        await ExportAsync(temp, new MlExportOptions { OutputDirectory = _dir, Target = MlExportTarget.Plays, Seed = 11, ValidationFraction = 0.25, TestFraction = 0.05 });

        using var meta = JsonDocument.Parse(Read("metadata.json"));
        var root = meta.RootElement;
        Assert.Equal("2026-03-04T05:06:07Z", root.GetProperty("generated_at").GetString());
        Assert.Equal(11, root.GetProperty("seed").GetInt32());
        Assert.Equal("plays", root.GetProperty("target").GetString());
        Assert.Equal("user_play_artist", root.GetProperty("target_edges").GetString());
        Assert.Equal(0.25, root.GetProperty("validation_fraction").GetDouble());
        Assert.Equal(0.05, root.GetProperty("test_fraction").GetDouble());
        Assert.Equal(4, root.GetProperty("row_counts").GetProperty("nodes_tracks.csv").GetInt64());
        Assert.Equal(2, root.GetProperty("row_counts").GetProperty("edges_split_plays_train.csv").GetInt64()); // u2→A and u4→C: single-edge users
        var features = root.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "track_features.csv");
        Assert.Equal(21, features.GetProperty("columns").GetArrayLength());
        var readme = Read("README.md");
        Assert.Contains("| `edges_user_like_track.csv` | 5 | a user liked a track (users → tracks) |", readme, StringComparison.Ordinal);
        Assert.Contains("seed 11, target `plays` = `user_play_artist`", readme, StringComparison.Ordinal);
    }

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_NonEmptyFolderWithoutOverwrite_ThrowsAndWritesNothing(string provider)
    {
        var (temp, _) = await StoreAsync(provider);
        await using var __ = temp;
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "notes.txt"), "mine");

        var ex = await Assert.ThrowsAsync<IOException>(() => ExportAsync(temp));

        Assert.Contains("is not empty; pass --force", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Theory]
    [StoreProviders]
    public async Task ExportAsync_Overwrite_ReplacesEarlierBundleAndKeepsOtherFiles(string provider)
    {
        var (temp, _) = await StoreAsync(provider);
        await using var __ = temp;
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "notes.txt"), "mine");
        await File.WriteAllTextAsync(Path.Combine(_dir, "edges_track_co_playlist.csv"), "stale");

        await ExportAsync(temp, new MlExportOptions { OutputDirectory = _dir, Overwrite = true });

        Assert.True(File.Exists(Path.Combine(_dir, "notes.txt")));
        Assert.False(File.Exists(Path.Combine(_dir, "edges_track_co_playlist.csv")));
        Assert.True(File.Exists(Path.Combine(_dir, "metadata.json")));
    }

    private List<(int Src, int Dst)> Edges(string file) =>
        Read(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',')).Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();

    /// <summary>A clock stopped at one instant.</summary>
    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
