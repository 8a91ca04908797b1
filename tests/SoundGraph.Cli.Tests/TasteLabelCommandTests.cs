using System.Text.Json;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr taste label</c> on a <see cref="TasteSample"/> store: add, replace, list, remove, and the errors.</summary>
public sealed class TasteLabelCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sg-taste-label-").FullName;

    private string Db => Path.Combine(_dir, "taste.db");

    public async Task InitializeAsync()
    {
        await using var store = await TasteSample.BuildAsync(Db);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Label_AddReplaceListRemove()
    {
        await using var store = await Storage.SoundGraphStore.OpenAsync(Db);
        var sunny = await TasteSample.TrackIdAsync(store, "Sunny");

        var (code, output, error) = await CliRunner.RunAsync("taste", "label", "--user", "lea", "Sunny", "--axis", "energy", "--value", "0.9", "--db", Db);
        Assert.True(code == 0, error);
        Assert.Equal(
            $"Labelled Sunny — Taste Band (track:{sunny}) energy = 0.900 for lea (new).\nenergy: not calibrated: 1 of the 5 labels needed. Run `sgr taste aggregate --user lea` to use it.\n",
            output);

        (code, output, error) = await CliRunner.RunAsync("taste", "label", "--user", "lea", $"track:{sunny}", "--axis", "energy", "--value", "0.85", "--db", Db);
        Assert.True(code == 0, error);
        Assert.Contains("energy = 0.850 for lea (replaced the earlier label).", output, StringComparison.Ordinal);
        (code, _, error) = await CliRunner.RunAsync("taste", "label", "--user", "lea", "Storm", "--axis", "tempo", "--value", "141", "--db", Db);
        Assert.True(code == 0, error);

        (code, output, error) = await CliRunner.RunAsync("taste", "label", "--user", "lea", "--list", "--db", Db);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2 labels of lea:", lines[0]);
        Assert.StartsWith("  energy                 0.850  model   0.800  Sunny — Taste Band", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  tempo                  141.0  model   140.0  Storm — Taste Band", lines[2], StringComparison.Ordinal);
        Assert.Equal("energy: not calibrated: 1 of the 5 labels needed.", lines[3]);
        Assert.Equal("tempo: not calibrated: 1 of the 5 labels needed.", lines[4]);

        (code, output, error) = await CliRunner.RunAsync("taste", "label", "--user", "lea", "--list", "--json", "--db", Db);
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(2, json.RootElement.GetProperty("labels").GetArrayLength());
        }

        (code, output, error) = await CliRunner.RunAsync("taste", "label", "--user", "lea", "Sunny", "--remove", "--db", Db);
        Assert.True(code == 0, error);
        Assert.Equal($"Removed 1 label of Sunny — Taste Band (track:{sunny}) for lea. Run `sgr taste aggregate --user lea` to use it.\n", output);
        Assert.Single(await store.Taste.LabelsAsync(await TasteSample.UserIdAsync(store, "test:user:lea")));
    }

    [Theory]
    [InlineData("error: Unknown axis 'mood': give one of energy, valence, danceability, brightness, tempo, rhythmic_complexity, pumpiness, texture_density, stereo_size, mode_confidence.", "Sunny", "--axis", "mood", "--value", "0.5")]
    [InlineData("error: energy labels are from 0 to 1 (got 2).", "Sunny", "--axis", "energy", "--value", "2")]
    [InlineData("error: A label needs --axis and --value (e.g. --axis energy --value 0.8), or use --list or --remove.", "Sunny", "--axis", "energy")]
    [InlineData("error: --list takes no track and no --value (only --user and optionally --axis).", "Sunny", "--list")]
    [InlineData("error: Which track? sgr taste label --user U <track> --axis A --value V.", "--axis", "energy", "--value", "0.5")]
    public async Task Label_BadUse_FailsWithOneLine(string expected, params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(["taste", "label", "--user", "lea", .. args, "--db", Db]);

        Assert.Equal(1, code);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Label_AmbiguousListener_ListsTheCandidates()
    {
        var (code, output, _) = await CliRunner.RunAsync("taste", "label", "--user", "kim", "--list", "--db", Db);

        Assert.Equal(2, code);
        Assert.Contains("kim", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_SharedName_MeansTheListener()
    {
        var (code, output, error) = await CliRunner.RunAsync("taste", "aggregate", "--user", "sam", "--db", Db);

        Assert.True(code == 0, error);
        Assert.Contains("recomputed", output, StringComparison.Ordinal);
    }
}
