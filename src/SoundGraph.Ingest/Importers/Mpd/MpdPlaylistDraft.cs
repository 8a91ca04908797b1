namespace SoundGraph.Ingest.Importers.Mpd;

/// <summary>One checked entry of an MPD playlist, as it is emitted: <c>pos</c> (0-based), the <c>spotify:track:</c> URI,
/// <c>track_name</c>, <c>artist_name</c>, <c>artist_uri</c> (a <c>spotify:artist:</c> URI or null), <c>album_name</c>
/// and <c>duration_ms</c> (milliseconds, above 0 and below a day, or null).</summary>
internal readonly record struct MpdEntry(int Pos, string Uri, string Title, string? Artist, string? ArtistUri, string? Album, long? DurationMs);

/// <summary>One MPD playlist that passed every check of <see cref="MpdImporter"/>, ready to be emitted: its pid (≥ 0),
/// name, follower count, modification time, collaborative flag and entries. Reused from playlist to playlist.</summary>
internal sealed class MpdPlaylistDraft
{
    /// <summary>The playlist's pid, at least 0.</summary>
    public long Pid { get; set; }

    /// <summary>The playlist's name (at most <see cref="Common.FieldChecks.MaxNameLength"/> characters).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>num_followers</c>, at least 0, or null when absent or JSON null.</summary>
    public int? Followers { get; set; }

    /// <summary><c>modified_at</c> as a time, or null when absent or JSON null.</summary>
    public DateTimeOffset? ModifiedAt { get; set; }

    /// <summary><c>collaborative</c> (true, false, "true" or "false"), or null.</summary>
    public bool? Collaborative { get; set; }

    /// <summary>The checked entries, in file order.</summary>
    public List<MpdEntry> Entries { get; } = [];

    /// <summary>Empties the draft for the next playlist.</summary>
    public void Clear()
    {
        Pid = 0;
        Name = string.Empty;
        Followers = null;
        ModifiedAt = null;
        Collaborative = null;
        Entries.Clear();
    }
}
