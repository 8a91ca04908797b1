namespace SoundGraph.Cli.Tests;

/// <summary>Compares output with a golden file beside the tests (Golden/NAME). Set SOUNDGRAPH_UPDATE_GOLDEN=1 to
/// rewrite the files from the current output; the change is then a reviewed diff.</summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "Golden", name);
        if (Environment.GetEnvironmentVariable("SOUNDGRAPH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with SOUNDGRAPH_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoundGraph.Cli.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cannot find the SoundGraph.Cli.Tests folder above " + AppContext.BaseDirectory);
    }
}
