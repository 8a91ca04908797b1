using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

public sealed class RecommendCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-rec-" + Guid.NewGuid().ToString("N"));

    public RecommendCommandTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "t.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Synthetic HetRec-keyed listeners (not real data) with plays on six artists A–F.</summary>
    private async Task WriteStoreAsync()
    {
        var b = new CatalogBatch();
        string[] artists = ["A", "B", "C", "D", "E", "F"];
        b.Artists.AddRange(artists.Select(a => new ArtistRecord(EntityKeys.ArtistByName(a), a)));
        (int Id, string Name, string[] Plays)[] users =
        [
            (1, "Alice Smith", ["A", "B", "C"]), (2, "Bob Jones", ["A", "B", "D"]), (3, "Bob Jonas", ["B", "C", "E"]),
            (4, "Carol King", ["C", "D", "F"]), (5, "Dan Brown", ["A", "E", "F"]),
        ];
        foreach (var (id, name, plays) in users)
        {
            b.Users.Add(new UserRecord($"hetrec:user:{id}", name));
            b.Engagements.AddRange(plays.Select((a, i) => new EngagementRecord($"hetrec:user:{id}", TargetType.Artist, EntityKeys.ArtistByName(a), EngagementKind.Play, 10 + i)));
        }

        await using var store = await SoundGraphStore.OpenAsync(Db);
        await store.Catalog.WriteAsync(b);
    }

    [Theory]
    [InlineData("Alice Smith")]
    [InlineData("alice smith")]
    [InlineData("Alice Smyth")]
    [InlineData("user:1")]
    [InlineData("hetrec:user:1")]
    [InlineData("1")]
    public async Task Recommend_UserByNameIdOrKey_RecommendsForThatListener(string user)
    {
        await WriteStoreAsync();

        var (code, output, error) = await CliRunner.RunAsync("recommend", "--user", user, "--top", "2", "--db", Db);

        Assert.True(code == 0, error);
        Assert.Contains("Recommended for listener hetrec:user:1 (3 artists)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommend_UserNameMatchingTwoListeners_ListsBothAndAsks()
    {
        await WriteStoreAsync();

        var (code, output, _) = await CliRunner.RunAsync("recommend", "--user", "Bob Jon", "--db", Db);

        Assert.Equal(CliApp.NeedsChoice, code);
        Assert.Contains("'Bob Jon' is ambiguous. Did you mean:", output, StringComparison.Ordinal);
        Assert.Contains("Bob Jones", output, StringComparison.Ordinal);
        Assert.Contains("Bob Jonas", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommend_UserNameMatchingNobody_SaysSo()
    {
        await WriteStoreAsync();

        var (code, output, _) = await CliRunner.RunAsync("recommend", "--user", "Xavier Q", "--db", Db);

        Assert.Equal(CliApp.NeedsChoice, code);
        Assert.Contains("Nothing in the store matches 'Xavier Q'.", output, StringComparison.Ordinal);
    }
}
