namespace SoundGraph.Cli.Tests;

/// <summary>Mistyped commands and help layout.</summary>
public sealed class CommandLineUxTests
{
    [Theory]
    [InlineData(new[] { "unvail", "Rihanna" }, "sgr: 'unvail' is not a sgr command. Did you mean 'unveil'?")]
    [InlineData(new[] { "relat" }, "sgr: 'relat' is not a sgr command. Did you mean 'relate'?")]
    [InlineData(new[] { "db", "inf" }, "sgr db: 'inf' is not a sgr db command. Did you mean 'info'?")]
    [InlineData(new[] { "trian", "sage" }, "sgr: 'trian' is not a sgr command. Did you mean 'train'?")]
    [InlineData(new[] { "zzzqqq" }, "sgr: 'zzzqqq' is not a sgr command. See 'sgr --help'.")]
    public async Task Run_MistypedCommand_SuggestsTheNearestAndFails(string[] args, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Help_EveryCommand_FitsIn100Columns()
    {
        var pending = new Queue<string[]>([[]]);
        var seen = 0;
        while (pending.TryDequeue(out var path))
        {
            var (code, output, _) = await CliRunner.RunAsync([.. path, "--help"]);
            Assert.Equal(0, code);
            seen++;
            var lines = output.Split('\n');
            var wide = lines.Where(l => l.Length > CliApp.HelpWidth).ToList();
            Assert.True(wide.Count == 0, $"sgr {string.Join(' ', path)} --help has lines over {CliApp.HelpWidth} columns:\n" + string.Join('\n', wide));
            var commands = lines.SkipWhile(l => l != "Commands:").Skip(1).TakeWhile(l => l.Length > 0);
            foreach (var line in commands.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)))
            {
                pending.Enqueue([.. path, line.Trim().Split(' ')[0]]);
            }
        }

        Assert.True(seen > 15, $"only {seen} help pages found");
    }

    [Fact]
    public async Task Help_Relate_ListsKindsInTheDescriptionNotTheOptionColumn()
    {
        var (_, output, _) = await CliRunner.RunAsync("relate", "--help");

        Assert.Contains("--kind <kind>", output, StringComparison.Ordinal);
        Assert.Contains("user_like_jaccard", output, StringComparison.Ordinal);
    }
}
