using System.CommandLine;

namespace SoundGraph.Cli.Commands.Train;

/// <summary>Placeholder for <c>sgr train collab</c>; replaced by its implementation.</summary>
public static class TrainCollabCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("collab", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr train collab is not built yet."));
        return command;
    }
}
