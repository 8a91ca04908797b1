using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>A SoundCloud playlist or set (<c>"kind":"playlist"</c>) with its tracks when fetched by id.</summary>
public sealed record ScPlaylist
{
    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")] public long Id { get; init; }

    /// <summary><c>kind</c>: "playlist".</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary><c>urn</c>: "soundcloud:playlists:ID".</summary>
    [JsonPropertyName("urn")] public string? Urn { get; init; }

    /// <summary><c>title</c>.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary><c>description</c>.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary><c>created_at</c>, parsed; null when absent.</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary><c>last_modified</c>, parsed; null when absent.</summary>
    [JsonPropertyName("last_modified"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? LastModified { get; init; }

    /// <summary><c>user_id</c>: the owner.</summary>
    [JsonPropertyName("user_id")] public long? UserId { get; init; }

    /// <summary><c>user</c>: the owner as a mini user.</summary>
    [JsonPropertyName("user")] public ScUser? User { get; init; }

    /// <summary><c>track_count</c>: tracks in the playlist (may exceed <see cref="Tracks"/> when some are private).</summary>
    [JsonPropertyName("track_count")] public int? TrackCount { get; init; }

    /// <summary><c>duration</c> in milliseconds.</summary>
    [JsonPropertyName("duration")] public long? DurationMs { get; init; }

    /// <summary><c>tag_list</c>: raw tags; split with <see cref="SoundCloudTagList.Parse"/>.</summary>
    [JsonPropertyName("tag_list")] public string? TagList { get; init; }

    /// <summary><c>genre</c>.</summary>
    [JsonPropertyName("genre")] public string? Genre { get; init; }

    /// <summary><c>label_name</c>.</summary>
    [JsonPropertyName("label_name")] public string? LabelName { get; init; }

    /// <summary><c>release_year</c>.</summary>
    [JsonPropertyName("release_year")] public int? ReleaseYear { get; init; }

    /// <summary><c>permalink</c>.</summary>
    [JsonPropertyName("permalink")] public string? Permalink { get; init; }

    /// <summary><c>permalink_url</c>.</summary>
    [JsonPropertyName("permalink_url")] public string? PermalinkUrl { get; init; }

    /// <summary><c>uri</c>: the API URL.</summary>
    [JsonPropertyName("uri")] public string? Uri { get; init; }

    /// <summary><c>sharing</c>: "public" or "private".</summary>
    [JsonPropertyName("sharing")] public string? Sharing { get; init; }

    /// <summary><c>playlist_type</c>: "album", "ep", "compilation", … or null.</summary>
    [JsonPropertyName("playlist_type")] public string? PlaylistType { get; init; }

    /// <summary><c>tracks</c>: full track objects in playlist order; empty when absent or null.</summary>
    [JsonPropertyName("tracks"), JsonConverter(typeof(NullAsEmptyListConverter<ScTrack>))]
    public IReadOnlyList<ScTrack> Tracks { get; init; } = [];
}
