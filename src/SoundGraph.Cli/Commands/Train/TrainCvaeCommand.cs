using System.CommandLine;

namespace SoundGraph.Cli.Commands.Train;

/// <summary>Placeholder for <c>sgr train cvae</c>; replaced by its implementation.</summary>
public static class TrainCvaeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("cvae", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr train cvae is not built yet."));
        return command;
    }
}
