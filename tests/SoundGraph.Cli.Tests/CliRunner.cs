using Spectre.Console;

namespace SoundGraph.Cli.Tests;

/// <summary>Runs <c>sgr</c> in-process with a plain, fixed-width console and captures stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 140;
        var code = await CliApp.RunAsync(args, console, error);
        return (code, Normalize(output.ToString()), error.ToString());
    }

    private static string Normalize(string s) => string.Join('\n', s.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()));
}
