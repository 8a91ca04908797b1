using Spectre.Console;

namespace SoundGraph.Cli;

/// <summary>Entry point of <c>sgr</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, AnsiConsole.Console, Console.Error);
}
