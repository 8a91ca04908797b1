using System.Globalization;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;
using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Mixtape;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>Builds a listener's mixtape for an ISO week or a date range (issue 16) from the store: the period's counted
/// plays, the played tracks' mood axes (<c>track_axes</c>, from <c>sgr taste score</c>), keys, durations, credits, names,
/// identifiers and local files, then SoundGraph.Taste's <see cref="MixtapeBuilder"/>.</summary>
/// <remarks>
/// <para>A play belongs to the period when it ended within the period's days on the wall clock of the listener's zone
/// (the one <see cref="TasteAggregation"/> stored, else UTC), as the weekly aggregates cut weeks. It counts by
/// <see cref="PlayFilter"/> (≥ 30 s or half a short track), and a candidate weighs its counted minutes.</para>
/// <para>A candidate needs energy, valence, danceability and tempo, and a duration: <c>tracks.duration_ms</c>, else the
/// longest play of the track in the listener's whole history when it lasted at least
/// <see cref="MinEstimatedDurationMs"/> (Spotify account exports give <c>ms_played</c> but no duration, and a full play is
/// the duration). Such estimates choose and time the mix but are not written to the exports, whose duration fields
/// players trust. Artists for the two-per-artist cap are the primary and featured credits.</para>
/// </remarks>
public static class MixtapeService
{
    /// <summary>Shortest play taken as a track's duration when none is stored: 60,000 ms (a track never played for a
    /// minute was probably skipped each time, so its length is unknown).</summary>
    public const long MinEstimatedDurationMs = 60_000;

    /// <summary>Builds the mixtape of <paramref name="userId"/> for <paramref name="period"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="userId">The listener.</param>
    /// <param name="period">The week or range.</param>
    /// <param name="options">Mixtape options; null for the defaults (75 min, λ 0.7, two per artist).</param>
    /// <param name="timeZone">IANA zone to cut the days in; null for the listener's stored zone, else UTC.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>The mixtape with the tracks' names and identifiers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="period"/> is null.</exception>
    /// <exception cref="TimeZoneNotFoundException">An unknown zone.</exception>
    /// <exception cref="MixtapeTooShortException">The period's usable tracks last less than 60 minutes together (the message
    /// names the period and what was left out), or the artist cap leaves less.</exception>
    public static async Task<MixtapeResult> BuildAsync(SoundGraphStore store, long userId, MixtapePeriod period, MixtapeOptions? options = null, string? timeZone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(period);
        var taste = store.Taste;
        var zoneId = timeZone ?? (await taste.StateAsync(userId, ct).ConfigureAwait(false))?.TimeZone ?? TasteAggregation.DefaultTimeZone;
        var (start, end) = period.Bounds(TasteAggregation.FindZone(zoneId));
        var history = await taste.PlaysAsync(userId, 0, ct).ConfigureAwait(false);
        var longest = history.GroupBy(p => p.TrackId).ToDictionary(g => g.Key, g => g.Max(p => p.MsPlayed));
        var counted = history
            .Where(p => p.ListenedAt >= start && p.ListenedAt < end)
            .Select(p => new Play(p.ListenedAt, p.TrackId, Math.Max(0, p.MsPlayed), p.DurationMs is > 0 ? p.DurationMs : null))
            .Where(PlayFilter.Counts)
            .ToList();
        var minutes = counted.GroupBy(p => p.TrackId).ToDictionary(g => g.Key, g => g.Sum(PlayFilter.CountedMinutes));
        var ids = minutes.Keys.Order().ToList();

        var axes = (await ListenerAxes.LoadAsync(taste, userId, ids, ct).ConfigureAwait(false)).Values;
        var tracks = (await taste.MixtapeTracksAsync(ids, ct).ConfigureAwait(false)).ToDictionary(t => t.TrackId);
        var keys = (await taste.TrackKeysAsync(ids, ct).ConfigureAwait(false)).ToDictionary(k => k.TrackId);
        var credits = (await taste.TrackCreditsAsync(ids, ct).ConfigureAwait(false)).Where(c => c.Role <= 1).ToLookup(c => c.TrackId);

        var candidates = new List<MixtapeCandidate>();
        var estimated = new HashSet<long>();
        int withoutAxes = 0, withoutDuration = 0;
        foreach (var id in ids)
        {
            if (!axes.TryGetValue(id, out var a) || !a.TryGetValue(MoodAxis.Energy, out var energy) || !a.TryGetValue(MoodAxis.Valence, out var valence)
                || !a.TryGetValue(MoodAxis.Danceability, out var danceability) || !a.TryGetValue(MoodAxis.Tempo, out var tempo) || !(tempo > 0))
            {
                withoutAxes++;
                continue;
            }

            double durationS;
            if (tracks.TryGetValue(id, out var t) && t.DurationMs is > 0)
            {
                durationS = t.DurationMs.Value / 1000.0;
            }
            else if (longest.GetValueOrDefault(id) >= MinEstimatedDurationMs)
            {
                durationS = longest[id] / 1000.0;
                estimated.Add(id);
            }
            else
            {
                withoutDuration++;
                continue;
            }

            var key = keys.TryGetValue(id, out var k) ? Camelot.TryFromKey(k.PitchClass, k.Mode) : null;
            candidates.Add(new MixtapeCandidate(id, [.. credits[id].Select(c => c.ArtistId).Distinct()], durationS, energy, valence, danceability, tempo, key, minutes[id]));
        }

        var inputs = new MixtapeInputs(counted.Count, ids.Count, withoutAxes, withoutDuration, candidates.Count, candidates.Count(c => c.Key is not null));
        Mixtape mixtape;
        try
        {
            mixtape = MixtapeBuilder.Build(candidates, options, period.Noun);
        }
        catch (MixtapeTooShortException e)
        {
            throw new MixtapeTooShortException($"{period.Label} ({zoneId}): {e.Message}{Hint(inputs)}", e.AvailableMinutes ?? 0);
        }

        var chosen = mixtape.Tracks.Select(x => x.Pick.Candidate.TrackId).ToList();
        var entries = await EntriesAsync(store, chosen, tracks, credits, ct).ConfigureAwait(false);
        return new MixtapeResult(userId, period, zoneId, inputs, mixtape, entries, estimated.Where(chosen.Contains).ToHashSet());
    }

    private static async Task<Dictionary<long, PlaylistEntry>> EntriesAsync(
        SoundGraphStore store, List<long> ids, Dictionary<long, MixtapeTrackRow> tracks, ILookup<long, TrackCreditRow> credits, CancellationToken ct)
    {
        var identifiers = (await store.Taste.TrackIdentifiersAsync(ids, [TrackIds.Mbid, TrackIds.Spotify], ct).ConfigureAwait(false))
            .GroupBy(i => (i.TrackId, i.Kind)).ToDictionary(g => g.Key, g => g.First().Value);
        var paths = await store.Taste.TrackFilePathsAsync(ids, ct).ConfigureAwait(false);
        return ids.ToDictionary(id => id, id =>
        {
            var track = tracks.GetValueOrDefault(id);
            return new PlaylistEntry(
                track?.Title ?? "track:" + id.ToString(CultureInfo.InvariantCulture),
                Creator(credits[id]),
                track?.DurationMs is > 0 ? track.DurationMs : null,
                paths.GetValueOrDefault(id),
                identifiers.GetValueOrDefault((id, TrackIds.Mbid)),
                identifiers.GetValueOrDefault((id, TrackIds.Spotify)),
                track?.Album);
        });
    }

    /// <summary>"A, B feat. C": primary credits in order, then featured ones; "Unknown artist" without credits.</summary>
    private static string Creator(IEnumerable<TrackCreditRow> credits)
    {
        var list = credits.ToList();
        var primary = string.Join(", ", list.Where(c => c.Role == 0).Select(c => c.ArtistName).Distinct());
        var featured = string.Join(", ", list.Where(c => c.Role == 1).Select(c => c.ArtistName).Distinct());
        return (primary.Length, featured.Length) switch
        {
            (0, 0) => "Unknown artist",
            (0, _) => featured,
            (_, 0) => primary,
            _ => primary + " feat. " + featured,
        };
    }

    private static string Hint(MixtapeInputs inputs)
    {
        var hints = new List<string>();
        if (inputs.CountedPlays == 0)
        {
            hints.Add("no play in it counts (≥ 30 s): pick another week (sgr taste weeks --user …)");
        }

        if (inputs.WithoutAxes > 0)
        {
            hints.Add(string.Create(CultureInfo.InvariantCulture, $"{inputs.WithoutAxes} played tracks have no mood axes (run sgr taste score)"));
        }

        if (inputs.WithoutDuration > 0)
        {
            hints.Add(string.Create(CultureInfo.InvariantCulture, $"{inputs.WithoutDuration} have no known duration"));
        }

        var text = string.Join("; ", hints);
        return text.Length == 0 ? string.Empty : " " + char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }
}
