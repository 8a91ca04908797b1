using System.CommandLine;
using SoundGraph.Cli.Jobs;

namespace SoundGraph.Cli.Commands.Collab;

/// <summary><c>sgr collab generate</c>: audio-feature vectors the trained CVAE generates for an artist pair.</summary>
public static class CollabGenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var artists = new Option<string>("--artists") { Description = "The two artists, \"A,B\" (names, ids such as artist:12, or keys; a name with a comma is split where both sides resolve).", Required = true };
        var count = new Option<int>("-n") { Description = "Vectors to generate (1–1000).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the latent draws.", DefaultValueFactory = _ => 42 };
        var popularity = new Option<long?>("--popularity") { Description = "Popularity condition as a Spotify stream count (default: the training collaborations' median)." };
        var command = new Command(
            "generate",
            "Generate audio-feature vectors (danceability … valence 0–1, loudness dB, tempo BPM) for a collaboration of two artists with the CVAE from `sgr train cvae`; "
            + "pairs that never collaborated get their graph proximity from the co-credit graph.")
        {
            artists, count, seed, popularity,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 1000)
            {
                throw new ArgumentException($"-n must be between 1 and 1000 (got {n}).");
            }

            var streams = parse.GetValue(popularity);
            if (streams is < 0)
            {
                throw new ArgumentException($"--popularity must be a stream count ≥ 0 (got {streams}).");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await CvaeGenerateJob.RunAsync(context, store, parse.GetValue(artists)!, n, parse.GetValue(seed), streams, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}
