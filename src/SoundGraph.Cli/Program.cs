using Spectre.Console;

namespace SoundGraph.Cli;

/// <summary>Entry point of <c>sgr</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static Task<int> Main(string[] args)
    {
        // Piped or redirected output has no terminal width; Spectre would wrap every table at 80 columns.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
        }

        return CliApp.RunAsync(args, AnsiConsole.Console, Console.Error);
    }
}
