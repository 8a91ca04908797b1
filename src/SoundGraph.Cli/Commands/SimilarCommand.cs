using System.CommandLine;

namespace SoundGraph.Cli.Commands;

/// <summary>Placeholder for <c>sgr similar</c>; replaced by its implementation.</summary>
public static class SimilarCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("similar", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr similar is not built yet."));
        return command;
    }
}
