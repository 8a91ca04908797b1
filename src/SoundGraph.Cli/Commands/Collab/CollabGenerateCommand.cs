using System.CommandLine;

namespace SoundGraph.Cli.Commands.Collab;

/// <summary>Placeholder for <c>sgr collab generate</c>; replaced by its implementation.</summary>
public static class CollabGenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("generate", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr collab generate is not built yet."));
        return command;
    }
}
