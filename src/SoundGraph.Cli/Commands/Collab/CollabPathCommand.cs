using System.CommandLine;

namespace SoundGraph.Cli.Commands.Collab;

/// <summary>Placeholder for <c>sgr collab path</c>; replaced by its implementation.</summary>
public static class CollabPathCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("path", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr collab path is not built yet."));
        return command;
    }
}
