using System.Diagnostics;
using System.Globalization;
using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>Computes every requested <see cref="RelationKind"/> whose input is present.</summary>
public static class RelationEngine
{
    /// <summary>Builds the relations of every kind in <see cref="RelateOptions.Kinds"/> whose input is present, one kind
    /// after another (each kind is parallel inside).</summary>
    /// <param name="inputs">Memberships and features; absent (null or empty) inputs skip their kinds.</param>
    /// <param name="options">Kinds to compute and their limits.</param>
    /// <param name="progress">Optional receiver of one line before and one after each kind.</param>
    /// <returns>Rows per computed kind (see <see cref="CoOccurrence.Build"/> and <see cref="AudioSimilarity.Build"/>);
    /// a kind not computed is absent, a computed kind with no rows maps to an empty list. Kinds and scores:
    /// <list type="bullet">
    /// <item>TrackCoPlaylist: PlaylistTracks, Σ 1/|p|.</item>
    /// <item>ArtistCoPlaylist: PlaylistArtists, Σ 1/|p|.</item>
    /// <item>ArtistCoListen: ListenerArtists, cosine; evidence user ids.</item>
    /// <item>ArtistTagOverlap, TrackTagOverlap: ArtistTags, TrackTags, Jaccard; evidence tag ids.</item>
    /// <item>ArtistCollaboration: TrackCredits, count; evidence track ids.</item>
    /// <item>TrackAudioSimilarity: cosine of z-scores (<see cref="AudioSimilarity.Build"/> with AudioTopK and
    /// AudioThreshold) in the Spotify space (AudioTrackIds + AudioFeatures) and, standardized apart, in the local-audio
    /// space (LocalAudioTrackIds + LocalAudioFeatures), merged by <see cref="RelationMerge.KeepStrongest"/> (per pair the
    /// higher weight, then AudioTopK per track); either space may be absent or empty.</item>
    /// <item>UserJaccard: transpose of ListenerArtists (artists → users), Jaccard with count ≥ UserMinCommon and weight
    /// ≥ UserMinJaccard; evidence artist ids.</item>
    /// <item>UserLikeJaccard: transpose of UserLikedTracks (tracks → likers), Jaccard with the UserJaccard thresholds;
    /// evidence track ids.</item>
    /// <item>ArtistCoLibrary: UserLikedArtists, cosine; evidence user ids.</item>
    /// </list></returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">Only one of AudioTrackIds and AudioFeatures (or of LocalAudioTrackIds and
    /// LocalAudioFeatures) is given, or audio inputs are invalid (see <see cref="AudioSimilarity.Build"/>).</exception>
    public static IReadOnlyDictionary<RelationKind, IReadOnlyList<Relation>> Build(RelationInputs inputs, RelateOptions options, IProgress<string>? progress = null) =>
        BuildTables(inputs, options, progress).ToDictionary(p => p.Key, p => p.Value.ToRelations());

    /// <summary>Same as <see cref="Build"/>, each kind's rows in columnar form (<see cref="RelationTable"/>: about 28 bytes
    /// per row plus 8 per evidence id), the form a store writes from.</summary>
    /// <inheritdoc cref="Build" path="/param"/>
    /// <inheritdoc cref="Build" path="/exception"/>
    public static IReadOnlyDictionary<RelationKind, RelationTable> BuildTables(RelationInputs inputs, RelateOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if ((inputs.AudioTrackIds is null) != (inputs.AudioFeatures is null))
        {
            throw new ArgumentException("AudioTrackIds and AudioFeatures must be given together.", nameof(inputs));
        }

        if ((inputs.LocalAudioTrackIds is null) != (inputs.LocalAudioFeatures is null))
        {
            throw new ArgumentException("LocalAudioTrackIds and LocalAudioFeatures must be given together.", nameof(inputs));
        }

        var general = options.General;
        var userOptions = general with { MinCount = options.UserMinCommon, MinWeight = options.UserMinJaccard };
        var result = new Dictionary<RelationKind, RelationTable>();
        foreach (var kind in RelationKinds.All)
        {
            if (!options.Kinds.Contains(kind))
            {
                continue;
            }

            Func<RelationTable>? build = kind switch
            {
                RelationKind.TrackCoPlaylist => CoOccurrenceOf(kind, inputs.PlaylistTracks, CoOccurrenceScore.InverseGroupSizeSum, general),
                RelationKind.ArtistCoPlaylist => CoOccurrenceOf(kind, inputs.PlaylistArtists, CoOccurrenceScore.InverseGroupSizeSum, general),
                RelationKind.ArtistCoListen => CoOccurrenceOf(kind, inputs.ListenerArtists, CoOccurrenceScore.Cosine, general),
                RelationKind.ArtistTagOverlap => CoOccurrenceOf(kind, inputs.ArtistTags, CoOccurrenceScore.Jaccard, general),
                RelationKind.TrackTagOverlap => CoOccurrenceOf(kind, inputs.TrackTags, CoOccurrenceScore.Jaccard, general),
                RelationKind.ArtistCollaboration => CoOccurrenceOf(kind, inputs.TrackCredits, CoOccurrenceScore.Count, general),
                RelationKind.UserJaccard => UserJaccardOf(kind, inputs.ListenerArtists, userOptions),
                RelationKind.UserLikeJaccard => UserJaccardOf(kind, inputs.UserLikedTracks, userOptions),
                RelationKind.ArtistCoLibrary => CoOccurrenceOf(kind, inputs.UserLikedArtists, CoOccurrenceScore.Cosine, general),
                RelationKind.TrackAudioSimilarity => AudioSimilarityOf(inputs, options),
                _ => null,
            };
            if (build is null)
            {
                continue;
            }

            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{kind.Code()}: building"));
            var watch = Stopwatch.StartNew();
            var rows = build();
            result[kind] = rows;
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{kind.Code()}: {rows.Count} rows in {watch.Elapsed.TotalSeconds:F1} s"));
        }

        return result;
    }

    /// <summary>Audio similarity in each present feature space, merged; null when neither space has a track.</summary>
    private static Func<RelationTable>? AudioSimilarityOf(RelationInputs inputs, RelateOptions options)
    {
        var spotify = inputs.AudioTrackIds is { Count: > 0 } && inputs.AudioFeatures is not null;
        var local = inputs.LocalAudioTrackIds is { Count: > 0 } && inputs.LocalAudioFeatures is not null;
        if (!spotify && !local)
        {
            return null;
        }

        return () => RelationTable.FromRelations(RelationKind.TrackAudioSimilarity, Merged());

        IReadOnlyList<Relation> Merged()
        {
            IReadOnlyList<Relation> fromSpotify = spotify ? AudioSimilarity.Build(inputs.AudioTrackIds!, inputs.AudioFeatures!, options.AudioTopK, options.AudioThreshold) : [];
            IReadOnlyList<Relation> fromLocal = local ? AudioSimilarity.Build(inputs.LocalAudioTrackIds!, inputs.LocalAudioFeatures!, options.AudioTopK, options.AudioThreshold) : [];
            // One space alone is already in the merged order with at most AudioTopK per track.
            if (!local)
            {
                return fromSpotify;
            }

            return spotify ? RelationMerge.KeepStrongest(RelationKind.TrackAudioSimilarity, fromSpotify, fromLocal, options.AudioTopK) : fromLocal;
        }
    }

    private static bool IsPresent(Bipartite? membership) => membership is { ItemIds.Length: > 0 };

    /// <summary>User–user Jaccard on the inverted index: the users → things membership is transposed to things → users,
    /// so users co-occur in the groups of the things they share.</summary>
    private static Func<RelationTable>? UserJaccardOf(RelationKind kind, Bipartite? userThings, RelationOptions options) =>
        IsPresent(userThings) ? () => CoOccurrence.BuildTable(kind, BipartiteOps.Transpose(userThings!), CoOccurrenceScore.Jaccard, options) : null;

    private static Func<RelationTable>? CoOccurrenceOf(RelationKind kind, Bipartite? groups, CoOccurrenceScore score, RelationOptions options) =>
        IsPresent(groups) ? () => CoOccurrence.BuildTable(kind, groups!, score, options) : null;
}
