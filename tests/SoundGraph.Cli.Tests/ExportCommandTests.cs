using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-export-" + Guid.NewGuid().ToString("N"));

    public ExportCommandTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "t.db");

    private string Out => Path.Combine(_dir, "bundle");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Synthetic likes (not real data): users u1..u4 like tracks of artists A (t1, t2), B (t3) and C (t4):
    /// u1 {t1, t2, t3}, u2 {t1, t2, t3}, u3 {t1, t4}, u4 {t3}.</summary>
    private async Task WriteStoreAsync()
    {
        var b = new CatalogBatch();
        string[] artists = ["A", "B", "C"];
        b.Artists.AddRange(artists.Select(a => new ArtistRecord(EntityKeys.ArtistByName(a), a)));
        (string Key, string Artist)[] tracks = [("test:track:1", "A"), ("test:track:2", "A"), ("test:track:3", "B"), ("test:track:4", "C")];
        foreach (var (key, artist) in tracks)
        {
            b.Tracks.Add(new TrackRecord(key, "Song " + key[^1], artist));
            b.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(artist), CreditRole.Primary, 0));
        }

        (int User, int[] Tracks)[] likes = [(1, [1, 2, 3]), (2, [1, 2, 3]), (3, [1, 4]), (4, [3])];
        foreach (var (user, liked) in likes)
        {
            b.Users.Add(new UserRecord($"test:user:{user}", $"u{user}"));
            b.Engagements.AddRange(liked.Select(t => new EngagementRecord($"test:user:{user}", TargetType.Track, $"test:track:{t}", EngagementKind.Like, 1)));
        }

        await using var store = await SoundGraphStore.OpenAsync(Db);
        await store.Catalog.WriteAsync(b);
    }

    [Fact]
    public async Task RelateThenExportMl_LikesStore_WritesBundleWithRelationsAndSplit()
    {
        await WriteStoreAsync();

        var (relateCode, relateOut, relateErr) = await CliRunner.RunAsync("relate", "--kind", "artist_co_library", "--kind", "user_like_jaccard", "--db", Db);
        var (code, output, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--seed", "1", "--validation", "0.25", "--test", "0.25", "--db", Db);

        Assert.True(relateCode == 0, relateErr);
        // Libraries u1 {A, B}, u2 {A, B}, u3 {A, C}, u4 {B}: 7 entries. Likers A {u1, u2, u3}, B {u1, u2, u4}, C {u3}: A–B 2/3,
        // A–C 1/√3, B–C none → 4 rows. u1 and u2 share their 3 liked tracks (Jaccard 1) → 2 rows.
        Assert.Matches(@"artist_co_library\s+│\s+4\s+│\s+7\s+│\s+4\s+│", relateOut);
        Assert.Matches(@"user_like_jaccard\s+│\s+4\s+│\s+9\s+│\s+2\s+│", relateOut);
        Assert.True(code == 0, error);
        Assert.Equal("src_index,dst_index,weight,count\n0,1,1,3\n1,0,1,3\n", File.ReadAllText(Path.Combine(Out, "edges_user_like_jaccard.csv")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(Out, "edges_artist_co_library.csv")).Length - 1);
        Assert.Matches(@"edges_user_like_track\.csv\s+│\s+edges\s+│\s+9", output);
        // 9 likes: quotas ⌊0.25·9⌋ = 2 and 2; u4's single like always trains.
        Assert.Contains("split of user_like_track: train 5, validation 2, test 2;", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "metadata.json")));
        Assert.True(File.Exists(Path.Combine(Out, "README.md")));
    }

    [Fact]
    public async Task ExportMl_Json_ListsFilesAndSplit()
    {
        await WriteStoreAsync();

        var (code, output, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--target", "likes", "--json", "--db", Db);

        Assert.True(code == 0, error);
        Assert.Contains("\"targetEdges\": \"user_like_track\"", output, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"nodes_users.csv\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportMl_StoreThatDoesNotExist_SaysSoAndCreatesNothing()
    {
        var (code, _, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--db", Db);

        Assert.Equal(1, code);
        Assert.Contains("There is no store at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task ExportMl_NonEmptyOutWithoutForce_FailsAndForceReplaces()
    {
        await WriteStoreAsync();
        Directory.CreateDirectory(Out);
        await File.WriteAllTextAsync(Path.Combine(Out, "metadata.json"), "old");

        var (code, _, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--db", Db);
        var (forced, _, forcedError) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--force", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal($"error: '{Out}' is not empty; pass --force to replace the bundle in it.", error.Trim());
        Assert.True(forced == 0, forcedError);
        Assert.StartsWith("{", await File.ReadAllTextAsync(Path.Combine(Out, "metadata.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--validation", "1.5", "error: --validation must be at least 0 and below 1 (got 1.5).")]
    [InlineData("--test", "-0.1", "error: --test must be at least 0 and below 1 (got -0.1).")]
    [InlineData("--validation", "0.9", "error: --validation + --test must be below 1 so that edges remain for training (got 0.9 + 0.1).")]
    public async Task ExportMl_BadFraction_FailsNamingTheOption(string option, string value, string expected)
    {
        await WriteStoreAsync();

        var (code, _, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, option, value, "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal(expected, error.Trim());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task ExportMl_TargetWithoutEdges_FailsNamingTargetsThatHaveEdgesAndWritesNothing()
    {
        await WriteStoreAsync();

        var (code, output, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--target", "playlists", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal(
            "error: The export target 'playlists' (playlist_track) has no edges in this store, so its train/validation/test split would be empty; " +
            "targets with edges here: likes (9 edges) (choose one with --target).",
            error.Trim());
        Assert.Equal(string.Empty, output.Trim());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task ExportMl_UnknownTarget_IsAParseErrorListingTargets()
    {
        var (code, output, error) = await CliRunner.RunAsync("export", "ml", "--out", Out, "--target", "follows", "--db", Db);

        Assert.NotEqual(0, code);
        Assert.Contains("playlists", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsExport()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("export", output, StringComparison.Ordinal);
    }
}
