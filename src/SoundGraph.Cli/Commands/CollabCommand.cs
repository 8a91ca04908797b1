using System.CommandLine;
using SoundGraph.Cli.Commands.Collab;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr collab …</c>: the artist collaboration graph: predicted collaborators, paths, generated features.</summary>
public static class CollabCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context) =>
        new("collab", "Artist collaborations: likely new collaborators, shortest collaboration paths, generated audio features.")
        {
            CollabPredictCommand.Create(context), CollabPathCommand.Create(context), CollabGenerateCommand.Create(context),
        };
}
