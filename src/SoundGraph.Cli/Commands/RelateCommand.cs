using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr relate</c>: compute every relation kind from the store and write them back with evidence.</summary>
public static class RelateCommand
{
    /// <summary>The <c>--top-k</c> option (neighbours kept per node and kind).</summary>
    public static Option<int> TopK { get; } = new("--top-k") { Description = "Neighbours kept per node and kind (≥ 1).", DefaultValueFactory = _ => 50 };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kinds = new Option<string[]>("--kind")
        {
            // A short help name: the default lists every allowed value in the option column, which made the help 190+ columns wide.
            HelpName = "kind",
            Description = "Only these kinds (repeatable): " + string.Join(", ", RelationKinds.All.Select(k => k.Code())) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        kinds.AcceptOnlyFromAmong(RelationKinds.All.Select(k => k.Code()).ToArray());
        var evidence = new Option<int>("--evidence") { Description = "Evidence ids sampled per relation row (the exact count is always kept).", DefaultValueFactory = _ => 5 };
        var threshold = new Option<double>("--audio-threshold") { Description = "Minimum cosine for audio similarity (−1…1).", DefaultValueFactory = _ => 0.7 };
        var command = new Command("relate", "Compute relations (co-playlist, co-listen, co-library, tags, collaborations, audio, user–user by artists and by likes) from the store.") { TopK, kinds, evidence, threshold };
        command.SetAction(async (parse, ct) =>
        {
            var selected = parse.GetValue(kinds) is { Length: > 0 } codes ? codes.Select(RelationKinds.Parse).ToHashSet() : RelationKinds.All.ToHashSet();
            var options = Options(parse.GetValue(TopK), parse.GetValue(evidence), parse.GetValue(threshold), selected);
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var json = parse.GetValue(CliContext.JsonOption);
            var results = await RelateJob.RunAsync(context, store, options, json, ct).ConfigureAwait(false);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(results.Select(r => new { kind = r.Kind.Code(), r.InputGroups, r.InputEntries, r.Rows, r.LoadSeconds, r.ComputeSeconds, r.WriteSeconds })));
            }

            return 0;
        });
        return command;
    }

    /// <summary>Relate options from command-line values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public static RelateOptions Options(int topK, int evidence, double audioThreshold, IReadOnlySet<RelationKind>? kinds = null)
    {
        if (topK < 1)
        {
            throw new ArgumentException($"--top-k must be at least 1 (got {topK}).");
        }

        if (evidence < 0)
        {
            throw new ArgumentException($"--evidence must be 0 or more (got {evidence}).");
        }

        if (!(audioThreshold >= -1 && audioThreshold <= 1))
        {
            throw new ArgumentException($"--audio-threshold must be between -1 and 1 (got {audioThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        var options = new RelateOptions
        {
            General = new RelationOptions { TopK = topK, EvidenceSample = evidence },
            AudioTopK = topK,
            AudioThreshold = audioThreshold,
            Kinds = kinds ?? RelationKinds.All.ToHashSet(),
        };
        options.Validate();
        return options;
    }
}
