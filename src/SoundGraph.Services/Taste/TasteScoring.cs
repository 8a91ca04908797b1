using SoundGraph.Storage;
using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Axes;

namespace SoundGraph.Services.Taste;

/// <summary>Coverage of listens at one stage of scoring: the share of all stored listens whose track has an energy and a
/// valence value.</summary>
/// <param name="Stage">"direct" (Spotify descriptors and local audio), "+ tags" (the learned tag model), "+ graph" (label
/// propagation and artist pooling).</param>
/// <param name="Listens">Listens whose track has both.</param>
/// <param name="Share">Of all listens, 0–1.</param>
/// <param name="Tracks">Listened tracks that have both.</param>
public sealed record CoverageStage(string Stage, long Listens, double Share, int Tracks);

/// <summary>What <see cref="TasteScoring.RunAsync"/> did and measured.</summary>
/// <param name="ListenedTracks">Tracks with listens.</param>
/// <param name="TotalListens">All stored listens.</param>
/// <param name="TrainingItems">Tracks with Spotify descriptors and tags the tag model learned from.</param>
/// <param name="Vocabulary">Tags in the model's vocabulary.</param>
/// <param name="Coverage">Coverage after each stage.</param>
/// <param name="TagValidation">Held-out Spearman ρ (95 % bootstrap CI) and MAE of the tag model per axis against the
/// global-mean baseline.</param>
/// <param name="SmoothingValidation">Per axis, hidden known values recovered by propagation and pooling.</param>
/// <param name="TopTags">Per axis the tags that raise and lower it most.</param>
/// <param name="StoredRows">track_axes rows written.</param>
/// <param name="RelationEdges">Track pairs from stored relations in the smoothing graph.</param>
/// <param name="SessionEdges">Co-listening track pairs in the smoothing graph.</param>
/// <param name="MethodCounts">Listened tracks per axis and method.</param>
/// <param name="CatalogEdges">Same-release and same-label edges in the smoothing graph.</param>
public sealed record ScoreResult(
    int ListenedTracks,
    long TotalListens,
    int TrainingItems,
    int Vocabulary,
    IReadOnlyList<CoverageStage> Coverage,
    IReadOnlyList<AxisValidationResult> TagValidation,
    IReadOnlyDictionary<string, SmoothingValidation> SmoothingValidation,
    IReadOnlyList<TagAxisExplanation> TopTags,
    int StoredRows,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> MethodCounts,
    int RelationEdges,
    int SessionEdges,
    int CatalogEdges = 0);

/// <summary>
/// Places every listened track on the mood axes and stores them (<c>track_axes</c>): the application service behind
/// <c>sgr taste score</c> and (through <see cref="TrackScoring"/>) <c>POST /api/score/track/{id}</c>.
/// </summary>
/// <remarks>
/// <para>Sources, in order of precedence per axis: (1) a track's Spotify descriptors (<see cref="DescriptorAxes.FromSpotify"/>),
/// then the features of the listener's own file (<see cref="DescriptorAxes.FromLocalAudio"/>); (2) the tag model
/// (<see cref="TagAxisModel"/>) learned from the tracks that have both Spotify descriptors and tags — a track's tags are
/// its own (<c>track_tags</c>) and its credited artists' (<c>artist_tags</c>), each set normalized to sum 1 and added, so
/// a track with only artist tags still gets a prediction; (3) label propagation over the track graph (stored
/// <c>track_co_playlist</c> and <c>track_audio_similarity</c> relations — run <c>sgr relate</c> first — and co-listening
/// session edges, <see cref="SessionEdges"/>) with per-artist
/// partial pooling (<see cref="AxisSmoothing"/>) for tracks still without a value, the graph including the weaker
/// same-release and same-label edges (<see cref="CatalogEdges"/>).</para>
/// <para>Validation: the tag model on a seeded 20 % of its training tracks (<see cref="AxisValidation"/>), and smoothing
/// by hiding a seeded 20 % of the directly known values (<see cref="AxisSmoothing.Validate"/>) on the graph without its
/// audio-similarity edges (those were computed from the hidden descriptors themselves).</para>
/// </remarks>
public static class TasteScoring
{
    /// <summary>Axes the tag model and smoothing fill (those Spotify descriptors give as training targets).</summary>
    public static IReadOnlyList<MoodAxis> LearnedAxes { get; } = [MoodAxis.Energy, MoodAxis.Valence, MoodAxis.Danceability, MoodAxis.Tempo];

    /// <summary>Scores and stores every listened track's axes.</summary>
    /// <param name="store">The store.</param>
    /// <param name="seed">Seed of the held-out splits and bootstraps.</param>
    /// <param name="progress">Receives one line per stage; optional.</param>
    /// <param name="ct">Cancels the work (the stored axes are then unchanged).</param>
    public static async Task<ScoreResult> RunAsync(SoundGraphStore store, int seed = 16, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        progress?.Report("taste score: reading descriptors, tags, artists and relations…");
        var inputs = await TasteInputs.LoadAsync(store, ct).ConfigureAwait(false);
        var listens = await store.Taste.ListenCountsAsync(ct).ConfigureAwait(false);
        var totalListens = listens.Values.Sum();

        // (1) Direct values.
        var values = new Dictionary<long, Dictionary<MoodAxis, AxisValue>>();
        foreach (var (id, d) in inputs.Descriptors)
        {
            values[id] = new Dictionary<MoodAxis, AxisValue>(SpotifyAxes(d));
        }

        foreach (var (id, a) in inputs.LocalAudio)
        {
            var local = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(
                a.SpectralCentroidHz, a.OnsetRate, a.TempoConfidence, a.Pumpiness, a.SideToMid, a.SpectralFlatness, a.PercussiveToHarmonic, a.KeyConfidence, a.TempoBpm, a.IntegratedLufs));
            var own = values.TryGetValue(id, out var v) ? v : values[id] = [];
            foreach (var (axis, value) in local)
            {
                own.TryAdd(axis, value);
            }
        }

        var coverage = new List<CoverageStage> { Coverage("direct", values, inputs.ListenedTracks, listens, totalListens) };

        // (2) The tag model, trained on tracks with Spotify targets and tags.
        var tags = CombinedTags(inputs);
        var items = TrainingItems(inputs, tags, LearnedAxes);

        progress?.Report($"taste score: {items.Count:N0} tracks have descriptors and tags; validating the tag model on a held-out 20 %…");
        var options = new TagAxisOptions { Seed = seed };
        var tagValidation = items.Count >= 50 ? AxisValidation.Validate(items, 0.2, seed, options) : [];
        progress?.Report("taste score: training the tag model on every such track…");
        var model = items.Count >= 10 ? TagAxisModel.Train(items, options) : null;
        if (model is not null)
        {
            foreach (var id in inputs.ListenedTracks)
            {
                if (!tags.TryGetValue(id, out var t))
                {
                    continue;
                }

                var own = values.TryGetValue(id, out var v) ? v : values[id] = [];
                foreach (var (axis, value) in model.Predict(t))
                {
                    own.TryAdd(axis, value);
                }
            }
        }

        coverage.Add(Coverage("+ tags", values, inputs.ListenedTracks, listens, totalListens));

        // (3) Propagation over the track graph with per-artist pooling, per learned axis.
        progress?.Report($"taste score: propagating over {inputs.Edges.Count:N0} relation edges, {inputs.SessionEdges.Count:N0} co-listening edges and {inputs.CatalogEdges.Count:N0} same-release/label edges with per-artist pooling…");
        var graph = TrackGraph.FromEdges(inputs.Edges.Select(e => new TrackEdge(e.A, e.B, e.Weight)).Concat(inputs.SessionEdges).Concat(inputs.CatalogEdges));

        // Audio-similarity edges were computed from the very descriptors being hidden, so the validation leaves them out
        // (with them, a hidden track's energy comes back from neighbours chosen by its energy: ρ ≈ 0.98, a leak).
        var validationGraph = TrackGraph.FromEdges(inputs.Edges.Where(e => e.Kind != "track_audio_similarity").Select(e => new TrackEdge(e.A, e.B, e.Weight))
            .Concat(inputs.SessionEdges).Concat(inputs.CatalogEdges));
        var primaryArtist = inputs.Artists.ToDictionary(p => p.Key, p => p.Value[0]);
        var smoothingValidation = new Dictionary<string, SmoothingValidation>(StringComparer.Ordinal);
        foreach (var axis in LearnedAxes)
        {
            var known = values.Where(p => p.Value.ContainsKey(axis)).ToDictionary(p => p.Key, p => p.Value[axis]);
            if (known.Count < 10)
            {
                continue;
            }

            var direct = known.Where(p => p.Value.Method is AxisMethod.Spotify or AxisMethod.LocalAudio).ToDictionary(p => p.Key, p => p.Value);
            if (direct.Count >= 50)
            {
                smoothingValidation[axis.Code()] = AxisSmoothing.Validate(direct, validationGraph, primaryArtist, 0.2, seed);
            }

            var smoothed = AxisSmoothing.Smooth(known, graph, primaryArtist);
            foreach (var (id, value) in smoothed.Values)
            {
                var own = values.TryGetValue(id, out var v) ? v : values[id] = [];
                own.TryAdd(axis, value);
            }
        }

        coverage.Add(Coverage("+ graph", values, inputs.ListenedTracks, listens, totalListens));

        // Store the listened tracks' axes (and those of analysed files, which `sgr taste axes` shows too).
        var keep = inputs.ListenedTracks.Concat(inputs.LocalAudio.Keys).ToHashSet();
        var rows = values.Where(p => keep.Contains(p.Key))
            .SelectMany(p => p.Value.Select(a => new TrackAxisRow(p.Key, a.Key.Code(), a.Value.Value, a.Value.Method, a.Value.Confidence)))
            .OrderBy(r => r.TrackId).ThenBy(r => r.Axis, StringComparer.Ordinal).ToList();
        progress?.Report($"taste score: storing {rows.Count:N0} track axes…");
        await store.Taste.ReplaceTrackAxesAsync(rows, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);

        var listened = inputs.ListenedTracks.ToHashSet();
        var methodCounts = MoodAxes.All.ToDictionary(
            a => a.Code(),
            a => (IReadOnlyDictionary<string, int>)values.Where(p => listened.Contains(p.Key) && p.Value.ContainsKey(a))
                .GroupBy(p => p.Value[a].Method).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new ScoreResult(
            inputs.ListenedTracks.Count,
            totalListens,
            items.Count,
            model?.Vocabulary.Tags.Count ?? 0,
            coverage,
            tagValidation,
            smoothingValidation,
            model is null ? [] : [.. LearnedAxes.Where(a => model.Fit(a) is not null).Select(a => model.TopTags(a, 5))],
            rows.Count,
            methodCounts,
            inputs.Edges.Count,
            inputs.SessionEdges.Count,
            inputs.CatalogEdges.Count);
    }

    /// <summary>The axes a track's Spotify descriptors give directly (<see cref="DescriptorAxes.FromSpotify"/>).</summary>
    internal static IReadOnlyDictionary<MoodAxis, AxisValue> SpotifyAxes(TrackDescriptorRow d) =>
        DescriptorAxes.FromSpotify(new SpotifyDescriptors(
            d.Danceability, d.Energy, d.Valence, d.TempoBpm, d.Mode, d.Acousticness, d.Instrumentalness, d.Speechiness, d.Liveness, d.LoudnessDb));

    /// <summary>The tag model's training items: every track with Spotify descriptors and tags (<paramref name="tags"/>,
    /// from <see cref="CombinedTags"/>), its targets the descriptors' values on <paramref name="axes"/> (tracks with none
    /// of them are left out).</summary>
    internal static List<TaggedItem> TrainingItems(TasteInputs inputs, IReadOnlyDictionary<long, IReadOnlyDictionary<string, double>> tags, IReadOnlyCollection<MoodAxis> axes)
    {
        var items = new List<TaggedItem>();
        foreach (var (id, d) in inputs.Descriptors)
        {
            if (!tags.TryGetValue(id, out var t))
            {
                continue;
            }

            var targets = SpotifyAxes(d).Where(p => axes.Contains(p.Key) && p.Value.Method == AxisMethod.Spotify).ToDictionary(p => p.Key, p => p.Value.Value);
            if (targets.Count > 0)
            {
                items.Add(new TaggedItem("track:" + id, t, targets));
            }
        }

        return items;
    }

    /// <summary>Each track's tag weights: its own tags and its artists' tags, each set normalized to sum 1, added.</summary>
    internal static Dictionary<long, IReadOnlyDictionary<string, double>> CombinedTags(TasteInputs inputs)
    {
        var result = new Dictionary<long, IReadOnlyDictionary<string, double>>();
        foreach (var id in inputs.TrackTags.Keys.Union(inputs.ArtistTags.Keys))
        {
            var combined = new Dictionary<string, double>(StringComparer.Ordinal);
            Add(inputs.TrackTags.GetValueOrDefault(id));
            Add(inputs.ArtistTags.GetValueOrDefault(id));
            if (combined.Count > 0)
            {
                result[id] = combined;
            }

            void Add(Dictionary<string, double>? set)
            {
                var sum = set?.Values.Sum() ?? 0;
                if (set is null || sum <= 0)
                {
                    return;
                }

                foreach (var (tag, w) in set)
                {
                    combined[tag] = combined.GetValueOrDefault(tag) + (w / sum);
                }
            }
        }

        return result;
    }

    private static CoverageStage Coverage(string stage, Dictionary<long, Dictionary<MoodAxis, AxisValue>> values, IReadOnlyList<long> listened, IReadOnlyDictionary<long, long> listens, long total)
    {
        long covered = 0;
        var tracks = 0;
        foreach (var id in listened)
        {
            if (values.TryGetValue(id, out var v) && v.ContainsKey(MoodAxis.Energy) && v.ContainsKey(MoodAxis.Valence))
            {
                covered += listens.GetValueOrDefault(id);
                tracks++;
            }
        }

        return new CoverageStage(stage, covered, total > 0 ? (double)covered / total : 0, tracks);
    }
}
