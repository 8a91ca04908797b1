using System.Text.Json;
using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.Mpd;

/// <summary>
/// Reads one MPD playlist straight from a <see cref="Utf8JsonReader"/> (no <see cref="JsonDocument"/>) into a
/// <see cref="MpdPlaylistDraft"/>, for the common case: a playlist that passes every check of <see cref="MpdImporter"/>.
/// </summary>
/// <remarks>Anything else — a check that fails, a field of an unexpected JSON type, a property given twice, invalid
/// JSON — answers <see cref="JsonFastRead.Fallback"/> without a message: the caller then reads the same playlist
/// through <see cref="JsonDocument"/> and the importer's full checks, which name the file, the playlist and the field
/// exactly as before. So this reader only decides whether a playlist is plainly good, never why one is bad, and a
/// playlist it accepts yields the same records as the full checks would.</remarks>
internal sealed class MpdFastReader
{
    private readonly Utf8StringPool _strings = new();
    private readonly HashSet<int> _positions = [];
    private readonly HashSet<long> _pids;

    /// <summary>Creates a reader that refuses (falls back on) pids already in <paramref name="pids"/>; it does not add to it.</summary>
    public MpdFastReader(HashSet<long> pids) => _pids = pids;

    /// <summary>The last playlist read with <see cref="JsonFastRead.Done"/>.</summary>
    public MpdPlaylistDraft Draft { get; } = new();

    /// <summary>Reads the playlist whose first token the reader is on; on <see cref="JsonFastRead.Done"/> the reader is on
    /// its closing brace and <see cref="Draft"/> holds it. <see cref="JsonFastRead.NeedMore"/>: the buffer ends inside it.</summary>
    public JsonFastRead Read(ref Utf8JsonReader reader)
    {
        Draft.Clear();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonFastRead.Fallback;
        }

        var seen = 0;
        while (true)
        {
            if (!reader.Read())
            {
                return JsonFastRead.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = PlaylistField(ref reader);
            if (!reader.Read())
            {
                return JsonFastRead.NeedMore;
            }

            if (field != 0 && (seen & field) != 0)
            {
                return JsonFastRead.Fallback; // a property given twice: the full checks decide which copy counts
            }

            seen |= field;
            var step = field switch
            {
                Pid => ReadPid(ref reader),
                PlaylistName => ReadName(ref reader),
                ModifiedAt => ReadModifiedAt(ref reader),
                Followers => ReadFollowers(ref reader),
                Collaborative => ReadCollaborative(ref reader),
                Tracks => ReadTracks(ref reader),
                _ => Skip(ref reader),
            };
            if (step != JsonFastRead.Done)
            {
                return step;
            }
        }

        return (seen & (Pid | PlaylistName | Tracks)) == (Pid | PlaylistName | Tracks) ? JsonFastRead.Done : JsonFastRead.Fallback;
    }

    private const int Pid = 1, PlaylistName = 2, ModifiedAt = 4, Followers = 8, Collaborative = 16, Tracks = 32;
    private const int Pos = 1, TrackUri = 2, ArtistUri = 4, TrackName = 8, ArtistName = 16, AlbumName = 32, Duration = 64;

    private static int PlaylistField(ref Utf8JsonReader r) =>
        r.ValueTextEquals("pid"u8) ? Pid
        : r.ValueTextEquals("name"u8) ? PlaylistName
        : r.ValueTextEquals("modified_at"u8) ? ModifiedAt
        : r.ValueTextEquals("num_followers"u8) ? Followers
        : r.ValueTextEquals("collaborative"u8) ? Collaborative
        : r.ValueTextEquals("tracks"u8) ? Tracks
        : 0;

    private static int EntryField(ref Utf8JsonReader r) =>
        r.ValueTextEquals("pos"u8) ? Pos
        : r.ValueTextEquals("track_uri"u8) ? TrackUri
        : r.ValueTextEquals("artist_uri"u8) ? ArtistUri
        : r.ValueTextEquals("track_name"u8) ? TrackName
        : r.ValueTextEquals("artist_name"u8) ? ArtistName
        : r.ValueTextEquals("album_name"u8) ? AlbumName
        : r.ValueTextEquals("duration_ms"u8) ? Duration
        : 0;

    private static JsonFastRead Skip(ref Utf8JsonReader r) =>
        r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !r.TrySkip() ? JsonFastRead.NeedMore : JsonFastRead.Done;

    private JsonFastRead ReadPid(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out var pid) || pid < 0 || _pids.Contains(pid))
        {
            return JsonFastRead.Fallback;
        }

        Draft.Pid = pid;
        return JsonFastRead.Done;
    }

    private JsonFastRead ReadName(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            return JsonFastRead.Fallback;
        }

        Draft.Name = r.GetString()!;
        return Draft.Name.Length > FieldChecks.MaxNameLength ? JsonFastRead.Fallback : JsonFastRead.Done;
    }

    private JsonFastRead ReadModifiedAt(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return JsonFastRead.Done;
        }

        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out var seconds) || seconds < MpdImporter.MinUnixSeconds || seconds > MpdImporter.MaxUnixSeconds
            || FieldChecks.UnixSeconds("modified_at", seconds, string.Empty) is not null)
        {
            return JsonFastRead.Fallback;
        }

        Draft.ModifiedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return JsonFastRead.Done;
    }

    private JsonFastRead ReadFollowers(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return JsonFastRead.Done;
        }

        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var n) || n < 0)
        {
            return JsonFastRead.Fallback;
        }

        Draft.Followers = n;
        return JsonFastRead.Done;
    }

    private JsonFastRead ReadCollaborative(ref Utf8JsonReader r)
    {
        Draft.Collaborative = r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when bool.TryParse(r.GetString(), out var b) => b,
            _ => null,
        };
        return Skip(ref r);
    }

    private JsonFastRead ReadTracks(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return JsonFastRead.Fallback;
        }

        _positions.Clear();
        var index = 0;
        while (true)
        {
            if (!r.Read())
            {
                return JsonFastRead.NeedMore;
            }

            if (r.TokenType == JsonTokenType.EndArray)
            {
                return JsonFastRead.Done;
            }

            var step = ReadEntry(ref r, index++);
            if (step != JsonFastRead.Done)
            {
                return step;
            }
        }
    }

    private JsonFastRead ReadEntry(ref Utf8JsonReader r, int index)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return JsonFastRead.Fallback;
        }

        var seen = 0;
        var pos = index;
        string? uri = null, title = null, artistUri = null, artist = null, album = null;
        long? duration = null;
        while (true)
        {
            if (!r.Read())
            {
                return JsonFastRead.NeedMore;
            }

            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = EntryField(ref r);
            if (!r.Read())
            {
                return JsonFastRead.NeedMore;
            }

            if (field != 0 && (seen & field) != 0)
            {
                return JsonFastRead.Fallback;
            }

            seen |= field;
            var ok = true;
            switch (field)
            {
                case Pos:
                    ok = r.TokenType == JsonTokenType.Null || (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out pos));
                    break;
                case TrackUri:
                    ok = r.TokenType == JsonTokenType.String;
                    uri = ok ? _strings.Get(ref r) : null;
                    break;
                case ArtistUri:
                    ok = OptionalString(ref r, out artistUri);
                    break;
                case TrackName:
                    ok = r.TokenType == JsonTokenType.String;
                    title = ok ? _strings.Get(ref r) : null;
                    break;
                case ArtistName:
                    ok = OptionalString(ref r, out artist);
                    break;
                case AlbumName:
                    ok = OptionalString(ref r, out album);
                    break;
                case Duration:
                    if (r.TokenType != JsonTokenType.Null)
                    {
                        long ms = 0;
                        ok = r.TokenType == JsonTokenType.Number && r.TryGetInt64(out ms) && ms > 0 && ms < FieldChecks.MaxDurationMs;
                        duration = ms;
                    }

                    break;
                default:
                    if (Skip(ref r) == JsonFastRead.NeedMore)
                    {
                        return JsonFastRead.NeedMore;
                    }

                    break;
            }

            if (!ok)
            {
                return JsonFastRead.Fallback;
            }
        }

        // The importer's entry checks, in any order: every one must pass.
        if (pos < 0 || !_positions.Add(pos)
            || !EntityKeys.IsSpotifyUri(uri, "track")
            || (artistUri is not null && !EntityKeys.IsSpotifyUri(artistUri, "artist"))
            || string.IsNullOrEmpty(title)
            || uri.Length > FieldChecks.MaxNameLength || title.Length > FieldChecks.MaxNameLength || artist?.Length > FieldChecks.MaxNameLength
            || artistUri?.Length > FieldChecks.MaxNameLength || album?.Length > FieldChecks.MaxNameLength)
        {
            return JsonFastRead.Fallback;
        }

        Draft.Entries.Add(new MpdEntry(pos, uri, title, artist, artistUri, album, duration));
        return JsonFastRead.Done;
    }

    /// <summary>A string, or JSON null (read as absent, as the full checks do); any other type falls back.</summary>
    private bool OptionalString(ref Utf8JsonReader r, out string? value)
    {
        value = r.TokenType == JsonTokenType.String ? _strings.Get(ref r) : null;
        return r.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }
}
