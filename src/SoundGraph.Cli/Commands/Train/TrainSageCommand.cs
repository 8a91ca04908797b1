using System.CommandLine;

namespace SoundGraph.Cli.Commands.Train;

/// <summary>Placeholder for <c>sgr train sage</c>; replaced by its implementation.</summary>
public static class TrainSageCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("sage", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr train sage is not built yet."));
        return command;
    }
}
