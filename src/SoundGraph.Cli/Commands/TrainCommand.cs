using System.CommandLine;
using SoundGraph.Cli.Commands.Train;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr train …</c>: train a model on the store and save it (models, embeddings) for inference.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context) =>
        new("train", "Train a model on the store and save it, so inference needs no retraining.")
        {
            TrainSageCommand.Create(context), TrainCollabCommand.Create(context), TrainCvaeCommand.Create(context),
        };
}
