using SoundGraph.Storage;

namespace SoundGraph.Api.Tests;

/// <summary>Starting the API on its own (<c>dotnet run --project src/SoundGraph.Api</c>).</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_SqliteStoreThatDoesNotExist_RefusesAndCreatesNoFile()
    {
        var db = Path.Combine(Path.GetTempPath(), "sg-api-missing-" + Guid.NewGuid().ToString("N") + ".db");
        await using var app = SoundGraphApi.Build(new ApiOptions(db, Urls: "http://127.0.0.1:0"));

        var error = await Assert.ThrowsAsync<StoreException>(() => app.StartAsync());

        Assert.Contains($"There is no store at '{db}'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }
}
