using SoundGraph.Cli;
using Spectre.Console;

namespace SoundGraph.Tests.Shared;

/// <summary>Builds a store from the repository's real demo data with <c>sgr demo</c>, in-process (as the CLI tests do):
/// the store the API and browser tests read.</summary>
internal static class DemoStore
{
    /// <summary>Runs <c>sgr demo --db <paramref name="db"/></c>; its console output is discarded.</summary>
    /// <exception cref="InvalidOperationException">The command failed; the message holds its error output.</exception>
    public static async Task BuildAsync(string db)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new StringWriter()),
        });
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["demo", "--db", db], console, error);
        if (code != 0)
        {
            throw new InvalidOperationException($"sgr demo failed ({code}): {error}");
        }
    }
}
