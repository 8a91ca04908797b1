using System.Diagnostics;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Importers.MusicBrainz;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Ingest.Sources.MusicBrainz;

/// <summary>How <see cref="MusicBrainzResolver"/> accepts a search hit.</summary>
public sealed class MusicBrainzResolveOptions
{
    /// <summary>The default <see cref="ScoreThreshold"/>.</summary>
    public const int DefaultScoreThreshold = 90;

    /// <summary>The default <see cref="ScoreMargin"/>.</summary>
    public const int DefaultScoreMargin = 10;

    /// <summary>Tracks to look up in this run (those without an MBID, in id order).</summary>
    /// <value>Default 1000; range ≥ 0.</value>
    public int Limit { get; init; } = 1000;

    /// <summary>Lowest search score (MusicBrainz's 0–100 relevance) the top hit needs to be accepted.</summary>
    /// <value>Default 90; range 0–100.</value>
    public int ScoreThreshold { get; init; } = DefaultScoreThreshold;

    /// <summary>How many points the top hit must beat the second by; a closer second makes the track ambiguous (reported, not guessed).</summary>
    /// <value>Default 10 points; range 0–100.</value>
    public int ScoreMargin { get; init; } = DefaultScoreMargin;

    /// <summary>Hits requested per search.</summary>
    /// <value>Default 5; range 2–100.</value>
    public int SearchLimit { get; init; } = 5;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Limit);
        if (ScoreThreshold is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(ScoreThreshold), ScoreThreshold, "The score threshold must be 0–100.");
        }

        if (ScoreMargin is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(ScoreMargin), ScoreMargin, "The score margin must be 0–100.");
        }

        if (SearchLimit is < 2 or > MusicBrainzClient.MaxSearchLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(SearchLimit), SearchLimit, "The search limit must be 2–100.");
        }
    }
}

/// <summary>A track the resolver did not match, and why.</summary>
/// <param name="TrackKey">The track's key.</param>
/// <param name="Name">"Artist — Title" as searched.</param>
/// <param name="Reason">Why: the competing recordings and their scores, or what was not found.</param>
public sealed record UnresolvedTrack(string TrackKey, string Name, string Reason);

/// <summary>What one <see cref="MusicBrainzResolver.ResolveAsync"/> run did.</summary>
/// <param name="LookedUp">Tracks looked up.</param>
/// <param name="MatchedByIsrc">Tracks given an MBID through their ISRC.</param>
/// <param name="MatchedBySearch">Tracks given an MBID through an artist + title search above the threshold and margin.</param>
/// <param name="Ambiguous">Tracks with several candidates too close to choose (reported, not stored).</param>
/// <param name="NotFound">Tracks with no candidate above the threshold.</param>
/// <param name="AlreadyResolved">Tracks skipped because they already had an MBID (all of them, not only this run's candidates).</param>
/// <param name="Requests">HTTP requests sent (retries included).</param>
/// <param name="ServiceUnavailable">503 answers received and backed off from.</param>
/// <param name="Seconds">Wall-clock seconds of the run.</param>
/// <param name="Unresolved">The ambiguous and not-found tracks (at most 100), in lookup order.</param>
public sealed record MusicBrainzResolveSummary(
    int LookedUp,
    int MatchedByIsrc,
    int MatchedBySearch,
    int Ambiguous,
    int NotFound,
    long AlreadyResolved,
    long Requests,
    long ServiceUnavailable,
    double Seconds,
    IReadOnlyList<UnresolvedTrack> Unresolved)
{
    /// <summary>Matched tracks (by ISRC or search).</summary>
    public int Matched => MatchedByIsrc + MatchedBySearch;

    /// <summary>Matched / looked up, 0–1 (0 when nothing was looked up).</summary>
    public double MatchRate => LookedUp == 0 ? 0 : (double)Matched / LookedUp;
}

/// <summary>Gives stored tracks a MusicBrainz recording MBID (<c>sgr resolve musicbrainz</c>).</summary>
/// <remarks>
/// <para>For each track without an <c>mbid</c> identifier (in id order, up to the limit): a track with an ISRC
/// (<c>tracks.isrc</c>) is looked up by ISRC; one recording is the match, several are narrowed to those whose normalized
/// title equals the track's (one left is the match, else the track is ambiguous). A track without an ISRC, or whose ISRC
/// MusicBrainz does not know, is searched by title and primary artist: the top hit is accepted when its score is at least
/// <see cref="MusicBrainzResolveOptions.ScoreThreshold"/> (default 90) and beats the second hit by at least
/// <see cref="MusicBrainzResolveOptions.ScoreMargin"/> (default 10) points; a top hit above the threshold with a closer
/// second is ambiguous, anything else not found. Ambiguous tracks are reported, never guessed.</para>
/// <para>A match is then looked up in full (<c>inc=artist-credits+releases+isrcs+tags+genres</c>). A match by search (a
/// name match) stores only its identifiers, the MBID and the recording's ISRCs with method <c>name</c>, so that
/// <c>sgr db unlink</c> undoes it completely. A match by ISRC is stored in full, source
/// "musicbrainz" (rank 61): the credited artists as <c>musicbrainz:artist:&lt;mbid&gt;</c> with their credits (role from
/// the join phrases as in the XML importer: after "feat." Featured, else Primary; position in credit order; the join phrase
/// in <c>track_credits.join_phrase</c>), the tags and genres with a positive count as user-less track tags with the count
/// (the larger of tag and genre count for one name), then the identifiers: <c>mbid</c> and the recording's ISRCs
/// (method <c>id</c>). The MBID is written last, so a run killed mid-track redoes
/// that track (every write is an idempotent upsert) and a finished track is skipped by the next run.</para>
/// </remarks>
public sealed class MusicBrainzResolver(SoundGraphStore store, MusicBrainzClient client)
{
    private const int MaxUnresolvedListed = 100;

    /// <summary>The catalog source name of what the resolver writes.</summary>
    public const string Source = "musicbrainz";

    /// <summary>Resolves up to <see cref="MusicBrainzResolveOptions.Limit"/> tracks.</summary>
    /// <param name="options">Limit, threshold and margin; default the defaults.</param>
    /// <param name="progress">Receives the number of tracks done after each track; may be null.</param>
    /// <param name="ct">Cancels the run between requests (what was stored stays).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="MusicBrainzException">A request failed for good.</exception>
    public async Task<MusicBrainzResolveSummary> ResolveAsync(MusicBrainzResolveOptions? options = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        options ??= new MusicBrainzResolveOptions();
        options.Validate();
        var clock = Stopwatch.StartNew();
        var requestsBefore = client.Stats.Requests;
        var unavailableBefore = client.Stats.ServiceUnavailable;
        var alreadyResolved = await CountResolvedAsync(ct).ConfigureAwait(false);
        var tracks = await store.Identifiers.ListWithoutAsync("mbid", options.Limit, ct).ConfigureAwait(false);
        int byIsrc = 0, bySearch = 0, ambiguous = 0, notFound = 0, done = 0;
        var unresolved = new List<UnresolvedTrack>();
        foreach (var track in tracks)
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await MatchAsync(track, options, ct).ConfigureAwait(false);
            MbRecording? recording = null;
            if (outcome.Mbid is { } mbid)
            {
                recording = await client.LookupRecordingAsync(mbid, ct).ConfigureAwait(false);
                if (recording is null)
                {
                    outcome = Outcome.None($"recording {mbid:D} is gone (404)");
                }
            }

            if (recording is null)
            {
                if (outcome.IsAmbiguous)
                {
                    ambiguous++;
                }
                else
                {
                    notFound++;
                }

                if (unresolved.Count < MaxUnresolvedListed)
                {
                    unresolved.Add(new UnresolvedTrack(track.Key, Name(track), (outcome.IsAmbiguous ? "ambiguous: " : "not found: ") + outcome.Reason));
                }
            }
            else
            {
                await StoreAsync(track, recording, outcome.Method!, ct).ConfigureAwait(false);
                if (outcome.Method == "id")
                {
                    byIsrc++;
                }
                else
                {
                    bySearch++;
                }
            }

            progress?.Report(++done);
        }

        return new MusicBrainzResolveSummary(
            tracks.Count, byIsrc, bySearch, ambiguous, notFound, alreadyResolved,
            client.Stats.Requests - requestsBefore, client.Stats.ServiceUnavailable - unavailableBefore, clock.Elapsed.TotalSeconds, unresolved);
    }

    private async Task<long> CountResolvedAsync(CancellationToken ct) =>
        await Dapper.SqlMapper.ExecuteScalarAsync<long>(store.Connection, new Dapper.CommandDefinition(
            "SELECT COUNT(DISTINCT track_id) FROM track_identifiers WHERE kind = 'mbid'", cancellationToken: ct)).ConfigureAwait(false);

    private async Task<Outcome> MatchAsync(TrackToResolve track, MusicBrainzResolveOptions options, CancellationToken ct)
    {
        if (TrackIds.Canonical(TrackIds.Isrc, track.Isrc) is { } isrc)
        {
            var found = await client.LookupIsrcAsync(isrc, ct).ConfigureAwait(false);
            var recordings = (found?.Recordings ?? []).DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToList();
            if (recordings.Count == 1 && Guid.TryParse(recordings[0].Id, out var only))
            {
                return Outcome.Match(only, "id");
            }

            if (recordings.Count > 1)
            {
                var title = NameNormalizer.Normalize(track.Title);
                var same = recordings.Where(r => NameNormalizer.Normalize(r.Title) == title).ToList();
                if (same.Count == 1 && Guid.TryParse(same[0].Id, out var one))
                {
                    return Outcome.Match(one, "id");
                }

                return Outcome.Ambiguity($"ISRC {isrc} has {recordings.Count} recordings (" + string.Join(", ", recordings.Take(5).Select(r => r.Id)) + ")");
            }
        }

        var result = await client.SearchRecordingsAsync(MusicBrainzClient.SearchQuery(track.Title, track.PrimaryArtist), options.SearchLimit, ct).ConfigureAwait(false);
        var hits = result.Recordings.OrderByDescending(r => r.Score ?? 0).ToList();
        if (hits.Count == 0)
        {
            return Outcome.None("no search hit");
        }

        var top = hits[0].Score ?? 0;
        var second = hits.Count > 1 ? hits[1].Score ?? 0 : (int?)null;
        if (top < options.ScoreThreshold)
        {
            return Outcome.None($"top score {top} < {options.ScoreThreshold}");
        }

        if (second is { } s && top - s < options.ScoreMargin)
        {
            return Outcome.Ambiguity($"scores {top} ({hits[0].Id}) and {s} ({hits[1].Id}) differ by less than {options.ScoreMargin}");
        }

        return Guid.TryParse(hits[0].Id, out var id) ? Outcome.Match(id, "name") : Outcome.None("the top hit has no valid id");
    }

    private async Task StoreAsync(TrackToResolve track, MbRecording recording, string method, CancellationToken ct)
    {
        var identifiers = recording.Isrcs
            .Select(i => TrackIds.Canonical(TrackIds.Isrc, i))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(i => new TrackIdentifier("isrc", i, method))
            .Append(new TrackIdentifier("mbid", Guid.Parse(recording.Id).ToString("D"), method))
            .ToList();
        if (method != "id")
        {
            // A name match is a claim, not a fact: it brings its identifiers (method "name", reported, and undone completely
            // by `sgr db unlink`) but neither credits nor tags.
            await store.Identifiers.AddAsync(track.Id, identifiers, ct).ConfigureAwait(false);
            return;
        }

        var batch = new CatalogBatch { Source = Source };
        var credits = recording.ArtistCredit.Where(c => Guid.TryParse(c.Artist.Id, out _)).ToList();
        var roles = MusicBrainzCredits.Roles(credits.Select(c => c.JoinPhrase).ToList());
        var phrases = new List<(string, string?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < credits.Count; i++)
        {
            var artistKey = EntityKeys.Local("musicbrainz", "artist", Guid.Parse(credits[i].Artist.Id).ToString("D"));
            if (!seen.Add(artistKey))
            {
                continue;
            }

            batch.Artists.Add(new ArtistRecord(artistKey, credits[i].Artist.Name));
            batch.Credits.Add(new CreditRecord(track.Key, artistKey, roles[i], i));
            phrases.Add((artistKey, credits[i].JoinPhrase ?? ""));
        }

        var tags = CountedTag.Fold(recording.Tags.Concat(recording.Genres).Select(t => new CountedTag(t.Name, t.Count)));
        foreach (var tag in tags)
        {
            batch.TagAssignments.Add(new TagAssignmentRecord(TargetType.Track, track.Key, tag.Name));
        }

        await store.Catalog.WriteAsync(batch, ct).ConfigureAwait(false);
        await store.Identifiers.SetJoinPhrasesAsync(track.Id, phrases, ct).ConfigureAwait(false);
        await store.Identifiers.SetTrackTagCountsAsync(track.Id, tags, ct).ConfigureAwait(false);
        await store.Identifiers.AddAsync(track.Id, identifiers, ct).ConfigureAwait(false);
    }

    private static string Name(TrackToResolve track) => track.PrimaryArtist is null ? track.Title : track.PrimaryArtist + " — " + track.Title;

    private sealed record Outcome(Guid? Mbid, string? Method, bool IsAmbiguous, string Reason)
    {
        public static Outcome Match(Guid mbid, string method) => new(mbid, method, false, "");

        public static Outcome Ambiguity(string reason) => new(null, null, true, reason);

        public static Outcome None(string reason) => new(null, null, false, reason);
    }
}
