using System.CommandLine;

namespace SoundGraph.Cli.Commands;

/// <summary>Placeholder for <c>sgr recommend</c>; replaced by its implementation.</summary>
public static class RecommendCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("recommend", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr recommend is not built yet."));
        return command;
    }
}
