using Spectre.Console;

namespace SoundGraph.Cli;

/// <summary>Entry point of <c>sgr</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static Task<int> Main(string[] args)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Piped or redirected output gets plain text (no colour escapes) and a fixed width: there is no terminal
            // width, and Spectre would wrap every table at 80 columns.
            console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
        }

        return CliApp.RunAsync(args, console, Console.Error);
    }
}
