using System.CommandLine;

namespace SoundGraph.Cli.Commands;

/// <summary>Placeholder for <c>sgr eval</c>; replaced by its implementation.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("eval", "(not built yet)");
        command.SetAction(int (_) => throw new InvalidOperationException("sgr eval is not built yet."));
        return command;
    }
}
