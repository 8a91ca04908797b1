using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Tests.TestSupport;

namespace SoundGraph.Ingest.Tests.Harvest;

public sealed class HarvestConfigFileTests
{
    [Fact]
    public void Load_ExampleConfigInRepo_EqualsTheDocumentedDefaults()
    {
        var example = Path.Combine(RepoRoot(), "config", "harvest.example.yaml");
        var loaded = HarvestConfigFile.Load(example);
        Assert.Equal(new HarvestOptions().ToJson(), loaded.Harvest.ToJson());
        Assert.Equal(50, loaded.SoundCloud.PageSize);
        Assert.Equal(5, loaded.SoundCloud.RequestsPerSecond);
    }

    [Fact]
    public void Load_YamlWithSomeKeys_OverridesOnlyThose()
    {
        using var temp = new TempFolder();
        var file = temp.Write("h.yaml", "harvest:\n  users:\n    max_likers: 40\n  entities:\n    enabled: false\n");
        var loaded = HarvestConfigFile.Load(file).Harvest;
        Assert.Equal(40, loaded.Users.MaxLikers);
        Assert.Equal(500, loaded.Users.MaxReposters);
        Assert.False(loaded.Entities.Enabled);
        Assert.True(loaded.Labels.Enabled);
    }

    [Fact]
    public void Load_JsonFile_ReadsSnakeCaseKeys()
    {
        using var temp = new TempFolder();
        var file = temp.Write("h.json", """{ "harvest": { "semantic": { "min_similarity": 0.75 } }, "soundcloud": { "requests_per_second": 20 } }""");
        var loaded = HarvestConfigFile.Load(file);
        Assert.Equal(0.75, loaded.Harvest.Semantic.MinSimilarity);
        Assert.Equal(20, loaded.SoundCloud.RequestsPerSecond);
    }

    [Fact]
    public void Load_UnknownKey_FailsNamingFileAndLine()
    {
        using var temp = new TempFolder();
        var file = temp.Write("h.yaml", "harvest:\n  users:\n    max_likerz: 40\n");
        var e = Assert.Throws<FormatException>(() => HarvestConfigFile.Load(file));
        Assert.StartsWith(file + ": line 3:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LimitOutOfRange_FailsNamingTheField()
    {
        using var temp = new TempFolder();
        var file = temp.Write("h.yaml", "harvest:\n  labels:\n    max_tracks_per_label: 0\n");
        var e = Assert.Throws<ArgumentException>(() => HarvestConfigFile.Load(file));
        Assert.Contains("labels.max_tracks_per_label", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_ChangedLimit_ChangesTheRunIdentity()
    {
        var a = new HarvestOptions();
        var b = new HarvestOptions();
        b.Artist.MaxTracks = 999;
        Assert.Equal(new HarvestOptions().Hash(), a.Hash());
        Assert.NotEqual(a.Hash(), b.Hash());
        Assert.NotEqual(a.Hash("https://api.soundcloud.com"), a.Hash("http://127.0.0.1:5005"));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoundGraph.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SoundGraph.slnx not found above " + AppContext.BaseDirectory);
    }
}
