namespace SoundGraph.Cli.Tests;

public sealed class CommandErrorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-" + Guid.NewGuid().ToString("N"));

    public CommandErrorTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "t.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Import_FileOfAnotherFormat_FailsWithOneSentenceAndStoresNothing()
    {
        var csv = Path.Combine(_dir, "x.json");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n");
        var (code, _, error) = await CliRunner.RunAsync("import", "mpd", csv, "--db", Db);
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("x.json", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal([csv], Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Import_FileOfAnotherFormatIntoAnExistingStore_KeepsTheStore()
    {
        var csv = Path.Combine(_dir, "x.json");
        await File.WriteAllTextAsync(csv, "id,name\n1,a\n");
        await (await Storage.SoundGraphStore.OpenAsync(Db)).DisposeAsync();

        var (code, _, _) = await CliRunner.RunAsync("import", "mpd", csv, "--db", Db);

        Assert.Equal(1, code);
        Assert.True(File.Exists(Db));
    }

    [Theory]
    [InlineData("db", "info")]
    [InlineData("unveil", "Rihanna")]
    [InlineData("similar", "Umbrella")]
    [InlineData("recommend", "--user", "2")]
    [InlineData("export", "ml", "--out", "bundle")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    [InlineData("relate")]
    public async Task ReadOnlyCommand_StoreThatDoesNotExist_RefusesAndCreatesNothing(params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync([.. args, "--db", Db]);

        Assert.Equal(1, code);
        Assert.Equal($"error: There is no store at '{Db}': run `sgr demo` or `sgr import …` first, or pass --db.", error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Import_MissingPath_FailsNamingIt()
    {
        var (code, _, error) = await CliRunner.RunAsync("import", "hetrec-lastfm", Path.Combine(_dir, "nope"), "--db", Db);
        Assert.Equal(1, code);
        Assert.Contains("nope' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownFormat_IsAParseErrorListingFormats()
    {
        var (code, output, error) = await CliRunner.RunAsync("import", "parquet", _dir, "--db", Db);
        Assert.NotEqual(0, code);
        Assert.Contains("hetrec-lastfm", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_UnreachablePostgres_SaysWhereWithoutPassword()
    {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        var (code, _, error) = await CliRunner.RunAsync("db", "info", "--db", "Host=127.0.0.1;Port=1;Database=sg;Username=sg;Password=hunter2");
        Assert.Equal(1, code);
        Assert.Contains("Cannot connect to PostgreSQL Host=127.0.0.1;Port=1;Database=sg", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_MistypedConnectionString_FailsNamingTheKeyAndCreatesNoFile()
    {
        var (code, _, error) = await CliRunner.RunAsync("db", "info", "--db", "Hots=localhost;Databse=sg");

        Assert.Equal(1, code);
        Assert.Equal("error: --db looks like a PostgreSQL connection string but 'Hots' is not a known keyword (did you mean Host?).", error.Trim());
        Assert.False(File.Exists("Hots=localhost;Databse=sg"));
    }

    [Fact]
    public async Task Relate_TopKZero_FailsWithReason()
    {
        var (code, _, error) = await CliRunner.RunAsync("relate", "--top-k", "0", "--db", Db);
        Assert.Equal(1, code);
        Assert.Equal("error: --top-k must be at least 1 (got 0).", error.Trim());
    }

    [Fact]
    public async Task Unveil_StoreThatDoesNotExist_SaysSoAndCreatesNothing()
    {
        var (code, _, error) = await CliRunner.RunAsync("unveil", "Rihanna", "--db", Db);
        Assert.Equal(1, code);
        Assert.Contains("There is no store at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Import_FolderWhereAFileIsExpected_SaysItIsAFolder()
    {
        var (code, _, error) = await CliRunner.RunAsync("import", "spotify-features", _dir, "--db", Db);
        Assert.Equal(1, code);
        Assert.Contains("is a folder; this format reads a file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MpdFolderWithoutSlices_SaysSoAndCreatesNothing()
    {
        var (code, _, error) = await CliRunner.RunAsync("import", "mpd", _dir, "--db", Db);
        Assert.Equal(1, code);
        Assert.Contains("holds no Spotify MPD slice (no mpd.slice.*.json or mpd.slice.*.json.gz file in it)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Unveil_OnlyPoorFuzzyMatches_SaysNoCloseMatchAndNamesTheNearest()
    {
        await using (var store = await Storage.SoundGraphStore.OpenAsync(Db))
        {
            var b = new Core.Catalog.CatalogBatch();
            b.Artists.AddRange([new(Core.Identity.EntityKeys.ArtistByName("Qwerty Beats"), "Qwerty Beats"), new(Core.Identity.EntityKeys.ArtistByName("Zyzz Band"), "Zyzz Band")]);
            await store.Catalog.WriteAsync(b);
        }

        var (code, output, _) = await CliRunner.RunAsync("unveil", "Zzyzx Qwerty Band", "--db", Db);

        Assert.Equal(CliApp.NeedsChoice, code);
        Assert.Matches(@"^No close match for 'Zzyzx Qwerty Band'; nearest: (Qwerty Beats|Zyzz Band) \(artist:\d+, score 62\), (Qwerty Beats|Zyzz Band) \(artist:\d+, score 62\)\.$", output.Trim());
        Assert.DoesNotContain("ambiguous", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsEveryCommand()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "demo", "import", "relate", "unveil", "bench", "db" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Import_UnknownEncoding_FailsListingTheAcceptedNamesAndCreatesNothing()
    {
        var (code, _, error) = await CliRunner.RunAsync("import", "listens-tsv", _dir, "--encoding", "ebcdic", "--db", Db);

        Assert.Equal(1, code);
        Assert.StartsWith("error: Unknown encoding 'ebcdic'. Accepted: utf-8, windows-1252, latin1", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Import_EncodingForAJsonFormat_FailsSayingWhichFormatsTakeIt()
    {
        var (code, _, error) = await CliRunner.RunAsync("import", "mpd", _dir, "--encoding", "windows-1252", "--db", Db);

        Assert.Equal(1, code);
        Assert.Contains("--encoding windows-1252 applies to the CSV/TSV formats (spotify-features, hetrec-lastfm, playlists-tsv, listens-tsv); mpd reads JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Latin1LineUnderExplicitUtf8_IsRejectedWithExitCode3()
    {
        var file = Path.Combine(_dir, "listening_history.tsv");
        await File.WriteAllBytesAsync(file, [.. System.Text.Encoding.UTF8.GetBytes("source_id\tend_time_unix\tend_time_utc\tartist_name\ttrack_name\tms_played\ns1\t1601478780\tx\tA\tHalo\t1000\n"),
            .. System.Text.Encoding.Latin1.GetBytes("s1\t1601478790\tx\tBeyoncé\tXO\t1000\n")]);

        var (strict, _, _) = await CliRunner.RunAsync("import", "listens-tsv", file, "--encoding", "utf-8", "--db", Db);
        var (detected, _, _) = await CliRunner.RunAsync("import", "listens-tsv", file, "--db", Db);

        Assert.Equal(3, strict);
        Assert.Contains("line 3 is not valid UTF-8 (byte 0xE9 at byte 23 of the line", await File.ReadAllTextAsync(Path.Combine(_dir, "t.rejects.tsv")), StringComparison.Ordinal);
        Assert.Equal(0, detected);
    }
}
