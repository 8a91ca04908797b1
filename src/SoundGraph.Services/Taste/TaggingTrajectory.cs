using SoundGraph.Storage;
using SoundGraph.Taste;
using SoundGraph.Taste.Axes;

namespace SoundGraph.Services.Taste;

/// <summary>One month of a listener's tagging activity placed on the mood axes.</summary>
/// <param name="Month">"YYYY-MM".</param>
/// <param name="Assignments">Tag assignments the listener made that month.</param>
/// <param name="Artists">Distinct artists they tagged.</param>
/// <param name="Energy">Assignment-weighted mean energy of those artists (null when none has a value).</param>
/// <param name="Valence">Likewise, valence.</param>
/// <param name="Danceability">Likewise, danceability.</param>
public sealed record TaggingMonth(string Month, int Assignments, int Artists, double? Energy, double? Valence, double? Danceability);

/// <summary>A listener's monthly taste trajectory read from dated tag assignments — <b>tagging activity, not plays</b>.</summary>
/// <param name="UserId">The listener.</param>
/// <param name="UserName">Their name.</param>
/// <param name="Months">Every month from the first to the last assignment (months without one have 0 assignments).</param>
/// <param name="ArtistsFromTracks">Artists whose axes are the mean of their tracks' Spotify descriptors.</param>
/// <param name="ArtistsFromTags">Artists whose axes the tag model predicted from their tags.</param>
public sealed record TaggingTrajectoryResult(long UserId, string UserName, IReadOnlyList<TaggingMonth> Months, int ArtistsFromTracks, int ArtistsFromTags);

/// <summary>
/// The taste trajectory the demo can show without any play history: the bundled HetRec Last.fm data has dated tag
/// assignments (user, artist, tag, day) — real, timestamped activity. Each month's tagged artists are placed on the axes
/// (the mean of the artist's tracks' Spotify descriptors where the store has them, else the tag model's prediction from
/// everyone's tags on the artist, trained on the tracks that have both descriptors and tags) and averaged, weighted by the
/// number of assignments. It says what a listener was tagging, which is not what they were playing.
/// </summary>
public static class TaggingTrajectory
{
    private static readonly MoodAxis[] Axes = [MoodAxis.Energy, MoodAxis.Valence, MoodAxis.Danceability];

    /// <summary>The trajectory of <paramref name="userId"/>, or, when null, of the listener with the most months of
    /// dated tagging (ties: more assignments, then the lower id); null when the store has no dated assignment.</summary>
    public static async Task<TaggingTrajectoryResult?> BuildAsync(SoundGraphStore store, long? userId = null, int seed = 16, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var user = userId is { } id ? await store.Taste.UserNameAsync(id, ct).ConfigureAwait(false) is { } n ? (id, n) : ((long, string)?)null
            : await store.Taste.MostActiveTaggerAsync(ct).ConfigureAwait(false);
        if (user is not { } u)
        {
            return null;
        }

        var activity = await store.Taste.TaggingActivityAsync(u.Item1, ct).ConfigureAwait(false);
        if (activity.Count == 0)
        {
            return null;
        }

        var artistIds = activity.Select(a => a.ArtistId).Distinct().ToList();
        var fromTracks = await store.Taste.ArtistDescriptorMeansAsync(artistIds, ct).ConfigureAwait(false);
        var artistAxes = new Dictionary<long, IReadOnlyDictionary<MoodAxis, double>>();
        foreach (var (artist, means) in fromTracks)
        {
            artistAxes[artist] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = means.Energy, [MoodAxis.Valence] = means.Valence, [MoodAxis.Danceability] = means.Danceability };
        }

        var missing = artistIds.Where(a => !artistAxes.ContainsKey(a)).ToList();
        var fromTags = 0;
        if (missing.Count > 0 && await TrainAsync(store, seed, ct).ConfigureAwait(false) is { } model)
        {
            foreach (var (artist, tags) in await store.Taste.ArtistTagWeightsAsync(missing, ct).ConfigureAwait(false))
            {
                var predicted = model.Predict(tags).Where(p => Axes.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.Value);
                if (predicted.Count > 0)
                {
                    artistAxes[artist] = predicted;
                    fromTags++;
                }
            }
        }

        var byMonth = activity.GroupBy(a => a.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());
        var first = activity.Min(a => a.Day);
        var last = activity.Max(a => a.Day);
        var months = new List<TaggingMonth>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1))
        {
            var key = m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var rows = byMonth.GetValueOrDefault(key) ?? [];
            months.Add(new TaggingMonth(key, rows.Count, rows.Select(r => r.ArtistId).Distinct().Count(), Mean(MoodAxis.Energy), Mean(MoodAxis.Valence), Mean(MoodAxis.Danceability)));

            double? Mean(MoodAxis axis)
            {
                var values = rows.Where(r => artistAxes.TryGetValue(r.ArtistId, out var a) && a.ContainsKey(axis)).Select(r => artistAxes[r.ArtistId][axis]).ToList();
                return values.Count == 0 ? null : values.Average();
            }
        }

        return new TaggingTrajectoryResult(u.Item1, u.Item2, months, fromTracks.Count, fromTags);
    }

    /// <summary>The tag model trained on every track with Spotify descriptors and tags (as <see cref="TasteScoring"/>
    /// trains it, without the held-out validation); null with fewer than 10 such tracks.</summary>
    private static async Task<TagAxisModel?> TrainAsync(SoundGraphStore store, int seed, CancellationToken ct)
    {
        var inputs = await TasteInputs.LoadAsync(store, ct).ConfigureAwait(false);
        var items = TasteScoring.TrainingItems(inputs, TasteScoring.CombinedTags(inputs), Axes);
        return items.Count >= 10 ? TagAxisModel.Train(items, new TagAxisOptions { Seed = seed }) : null;
    }
}
