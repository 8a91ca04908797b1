using System.Text.Json;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.ListenBrainz;

/// <summary>An artist of a listen's MusicBrainz mapping, in artist-credit order.</summary>
/// <param name="Mbid">The artist's MBID.</param>
/// <param name="Name">The name as credited (<c>artist_credit_name</c>, else the listen's <c>artist_name</c>).</param>
/// <param name="JoinPhrase">The join phrase after this artist (null when absent).</param>
internal sealed record ListenBrainzArtist(Guid Mbid, string Name, string? JoinPhrase);

/// <summary>One ListenBrainz listen as the importer and the API sync use it (the JSON shape of
/// <c>GET /1/user/{user}/listens</c> payload listens, the user export's <c>listens/YYYY/M.jsonl</c> lines and the dump's
/// <c>.listens</c> lines).</summary>
/// <param name="ListenedAt">When the listen was submitted as played, unix seconds (UTC).</param>
/// <param name="UserName">The ListenBrainz user name.</param>
/// <param name="RecordingMsid">ListenBrainz's MessyBrainz id of what was submitted; null when the listen has none.</param>
/// <param name="ArtistName">The submitted artist name (trimmed, not empty).</param>
/// <param name="TrackName">The submitted track name (trimmed, not empty).</param>
/// <param name="ReleaseName">The submitted release name, or null.</param>
/// <param name="RecordingMbid">The recording MBID: the mapping's, else the submitted one; null when neither is a valid UUID.</param>
/// <param name="DurationMs">The track's duration in ms (<c>duration_ms</c>, else <c>duration</c> seconds × 1000); null when unknown or 0.</param>
/// <param name="Isrc">The ISRC in canonical form (<see cref="Core.Identity.TrackIds.Canonical"/>: hyphens removed, upper case, ISO 3901 shape); else null.</param>
/// <param name="Artists">The mapping's artists with MBIDs in credit order; else the one submitted artist MBID when exactly
/// one was given (named <paramref name="ArtistName"/>); else empty.</param>
/// <param name="SpotifyUri">The <c>additional_info.spotify_id</c> (an open.spotify.com track URL) as a <c>spotify:track:</c>
/// URI (<see cref="Core.Identity.TrackIds.Canonical"/>); null when absent or not a Spotify track.</param>
internal sealed record ListenBrainzListen(
    long ListenedAt,
    string UserName,
    string? RecordingMsid,
    string ArtistName,
    string TrackName,
    string? ReleaseName,
    Guid? RecordingMbid,
    long? DurationMs,
    string? Isrc,
    IReadOnlyList<ListenBrainzArtist> Artists,
    string? SpotifyUri = null)
{
    /// <summary>The store's reference to what was played (<see cref="Core.Catalog.ListenRecord.TrackRef"/>):
    /// <c>msid:</c> + the recording MSID, or for a listen without one <c>name:</c> + the normalized artist|title.</summary>
    public string TrackRef => RecordingMsid is not null ? "msid:" + RecordingMsid : ListenDeduplicator.NameRef(ArtistName, TrackName);
}

/// <summary>Reads <see cref="ListenBrainzListen"/>s from JSON with the importers' value checks (<see cref="FieldChecks"/>).</summary>
internal static class ListenBrainzListenParser
{
    /// <summary>Parses one listen object; null with <paramref name="error"/> (a sentence) when it is unusable.</summary>
    /// <param name="listen">The listen's JSON object.</param>
    /// <param name="defaultUser">The user of a listen without <c>user_name</c> (the export's owner); null: such a listen is an error.</param>
    /// <param name="report">Counts skipped values (<c>invalid_isrc</c>, <c>invalid_mbid</c>).</param>
    /// <param name="error">Why the listen is rejected.</param>
    public static ListenBrainzListen? Parse(JsonElement listen, string? defaultUser, ImportReport? report, out string? error)
    {
        error = null;
        if (listen.ValueKind != JsonValueKind.Object)
        {
            error = "The line is not a JSON object.";
            return null;
        }

        if (!listen.TryGetProperty("listened_at", out var at) || at.ValueKind != JsonValueKind.Number || !at.TryGetInt64(out var seconds))
        {
            error = "listened_at is missing or not a whole number of unix seconds.";
            return null;
        }

        if (FieldChecks.UnixSeconds("listened_at", seconds, at.GetRawText()) is { } timeError)
        {
            error = timeError + ".";
            return null;
        }

        var user = Text(listen, "user_name") ?? defaultUser;
        if (user is null)
        {
            error = "The listen has no user_name (give the export's owner with --user).";
            return null;
        }

        if (!listen.TryGetProperty("track_metadata", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            error = "The listen has no track_metadata object.";
            return null;
        }

        var artist = Text(meta, "artist_name");
        var track = Text(meta, "track_name");
        if (track is null || artist is null)
        {
            error = track is null ? "track_metadata has no track_name." : "track_metadata has no artist_name.";
            return null;
        }

        var release = Text(meta, "release_name");
        var info = Object(meta, "additional_info");
        var mapping = Object(meta, "mbid_mapping");
        var msid = Text(listen, "recording_msid") ?? (info is { } i0 ? Text(i0, "recording_msid") : null);
        if (FieldChecks.Names(("user_name", user), ("artist_name", artist), ("track_name", track), ("release_name", release), ("recording_msid", msid)) is { } nameError)
        {
            error = nameError + ".";
            return null;
        }

        long? duration = null;
        if (info is { } i1 && Duration(i1, out var durationError) is var d)
        {
            if (durationError is not null)
            {
                error = durationError + ".";
                return null;
            }

            duration = d;
        }

        var mbid = Mbid(mapping, "recording_mbid", report) ?? Mbid(info, "recording_mbid", report);
        var submittedIsrc = info is { } i2 ? Text(i2, "isrc") : null;
        var isrc = Core.Identity.TrackIds.Canonical(Core.Identity.TrackIds.Isrc, submittedIsrc);
        if (submittedIsrc is not null && isrc is null)
        {
            report?.CountSkipped("invalid_isrc");
        }

        var artists = MappedArtists(mapping, artist, report) ?? SubmittedArtist(info, artist, report);
        var spotify = info is { } i3 ? Text(i3, "spotify_id") : null;
        var spotifyUri = Core.Identity.TrackIds.Canonical(Core.Identity.TrackIds.Spotify, spotify);
        if (spotify is not null && spotifyUri is null)
        {
            report?.CountSkipped("invalid_spotify_id");
        }

        return new ListenBrainzListen(seconds, user, msid, artist, track, release, mbid, duration, isrc, artists, spotifyUri);
    }

    private static List<ListenBrainzArtist>? MappedArtists(JsonElement? mapping, string artistName, ImportReport? report)
    {
        if (mapping is not { } m || !m.TryGetProperty("artists", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return null;
        }

        var artists = new List<ListenBrainzArtist>();
        foreach (var a in list.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.Object || !Guid.TryParse(Text(a, "artist_mbid"), out var id))
            {
                report?.CountSkipped("invalid_mbid");
                return null; // an incomplete credit would misplace positions: fall back to the submitted artist
            }

            var name = Text(a, "artist_credit_name") ?? (artists.Count == 0 ? artistName : null);
            if (name is null || name.Length > FieldChecks.MaxNameLength)
            {
                report?.CountSkipped("invalid_mbid");
                return null;
            }

            artists.Add(new ListenBrainzArtist(id, name, a.TryGetProperty("join_phrase", out var jp) && jp.ValueKind == JsonValueKind.String ? jp.GetString() : null));
        }

        return artists;
    }

    private static List<ListenBrainzArtist> SubmittedArtist(JsonElement? info, string artistName, ImportReport? report)
    {
        if (info is { } i && i.TryGetProperty("artist_mbids", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() == 1)
        {
            if (ids[0].ValueKind == JsonValueKind.String && Guid.TryParse(ids[0].GetString(), out var id))
            {
                return [new ListenBrainzArtist(id, artistName, null)];
            }

            report?.CountSkipped("invalid_mbid");
        }

        return [];
    }

    private static long? Duration(JsonElement info, out string? error)
    {
        error = null;
        if (info.TryGetProperty("duration_ms", out var ms) && ms.ValueKind != JsonValueKind.Null)
        {
            if (ms.ValueKind != JsonValueKind.Number || !ms.TryGetInt64(out var v))
            {
                error = $"duration_ms {Raw(ms)} is not a whole number of milliseconds";
                return null;
            }

            return Check("duration_ms", v, Raw(ms), out error);
        }

        if (info.TryGetProperty("duration", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var v) || v > long.MaxValue / 1000 || v < 0)
            {
                error = $"duration {Raw(s)} is not a whole number of seconds";
                return null;
            }

            return Check("duration", v * 1000, Raw(s), out error);
        }

        return null;
    }

    private static long? Check(string field, long ms, string text, out string? error)
    {
        error = FieldChecks.Duration(field, ms, text, allowZero: true);
        return error is null && ms > 0 ? ms : null;
    }

    private static Guid? Mbid(JsonElement? parent, string name, ImportReport? report)
    {
        if (parent is not { } p || Text(p, name) is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        report?.CountSkipped("invalid_mbid");
        return null;
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object ? e : null;

    /// <summary>A string property, trimmed; null when absent, not a string or blank.</summary>
    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String && e.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static string Raw(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
