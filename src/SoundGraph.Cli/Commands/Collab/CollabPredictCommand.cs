using System.CommandLine;

namespace SoundGraph.Cli.Commands.Collab;

/// <summary>Placeholder for <c>sgr collab predict</c>; replaced by its implementation.</summary>
public static class CollabPredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("predict", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr collab predict is not built yet."));
        return command;
    }
}
