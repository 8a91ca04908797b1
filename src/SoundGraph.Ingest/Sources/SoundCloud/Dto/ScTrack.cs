using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>A SoundCloud track (<c>"kind":"track"</c>). Mirrors the JSON; numbers are null when sent as null or omitted.</summary>
public sealed record ScTrack
{
    private readonly long? _favoritingsCount;

    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")] public long Id { get; init; }

    /// <summary><c>kind</c>: "track".</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary><c>urn</c>: "soundcloud:tracks:ID".</summary>
    [JsonPropertyName("urn")] public string? Urn { get; init; }

    /// <summary><c>title</c>.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary><c>description</c>.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary><c>created_at</c>, parsed from <c>2011/04/06 15:37:43 +0000</c> or ISO-8601; null when absent or unparseable.</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary><c>last_modified</c>, parsed; null when absent.</summary>
    [JsonPropertyName("last_modified"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? LastModified { get; init; }

    /// <summary><c>user_id</c>: the uploader.</summary>
    [JsonPropertyName("user_id")] public long? UserId { get; init; }

    /// <summary><c>user</c>: the uploader as a mini user.</summary>
    [JsonPropertyName("user")] public ScUser? User { get; init; }

    /// <summary><c>duration</c> in milliseconds.</summary>
    [JsonPropertyName("duration")] public long? DurationMs { get; init; }

    /// <summary><c>genre</c>: free text chosen by the uploader.</summary>
    [JsonPropertyName("genre")] public string? Genre { get; init; }

    /// <summary><c>tag_list</c>: raw space-separated tags; split with <see cref="SoundCloudTagList.Parse"/>.</summary>
    [JsonPropertyName("tag_list")] public string? TagList { get; init; }

    /// <summary><c>label_name</c>.</summary>
    [JsonPropertyName("label_name")] public string? LabelName { get; init; }

    /// <summary><c>release</c>: release/catalogue text (older bodies).</summary>
    [JsonPropertyName("release")] public string? Release { get; init; }

    /// <summary><c>release_year</c>.</summary>
    [JsonPropertyName("release_year")] public int? ReleaseYear { get; init; }

    /// <summary><c>release_month</c> (1–12).</summary>
    [JsonPropertyName("release_month")] public int? ReleaseMonth { get; init; }

    /// <summary><c>release_day</c> (1–31).</summary>
    [JsonPropertyName("release_day")] public int? ReleaseDay { get; init; }

    /// <summary><c>bpm</c>: tempo in beats per minute as entered by the uploader.</summary>
    [JsonPropertyName("bpm")] public double? Bpm { get; init; }

    /// <summary><c>isrc</c>.</summary>
    [JsonPropertyName("isrc")] public string? Isrc { get; init; }

    /// <summary><c>key_signature</c>.</summary>
    [JsonPropertyName("key_signature")] public string? KeySignature { get; init; }

    /// <summary><c>playback_count</c>.</summary>
    [JsonPropertyName("playback_count")] public long? PlaybackCount { get; init; }

    /// <summary>Likes: <c>favoritings_count</c>, or <c>likes_count</c> when a body sends only that (older bodies).</summary>
    [JsonPropertyName("favoritings_count")]
    public long? FavoritingsCount
    {
        get => _favoritingsCount ?? LikesCount;
        init => _favoritingsCount = value;
    }

    /// <summary><c>likes_count</c> as sent (older bodies use it instead of <c>favoritings_count</c>).</summary>
    [JsonPropertyName("likes_count")] public long? LikesCount { get; init; }

    /// <summary><c>reposts_count</c>.</summary>
    [JsonPropertyName("reposts_count")] public long? RepostsCount { get; init; }

    /// <summary><c>comment_count</c>.</summary>
    [JsonPropertyName("comment_count")] public long? CommentCount { get; init; }

    /// <summary><c>download_count</c>.</summary>
    [JsonPropertyName("download_count")] public long? DownloadCount { get; init; }

    /// <summary><c>permalink</c>: the URL slug.</summary>
    [JsonPropertyName("permalink")] public string? Permalink { get; init; }

    /// <summary><c>permalink_url</c>: "https://soundcloud.com/{user.permalink}/{permalink}".</summary>
    [JsonPropertyName("permalink_url")] public string? PermalinkUrl { get; init; }

    /// <summary><c>uri</c>: the API URL of the track.</summary>
    [JsonPropertyName("uri")] public string? Uri { get; init; }

    /// <summary><c>streamable</c>.</summary>
    [JsonPropertyName("streamable")] public bool? Streamable { get; init; }

    /// <summary><c>sharing</c>: "public" or "private".</summary>
    [JsonPropertyName("sharing")] public string? Sharing { get; init; }

    /// <summary><c>license</c>, e.g. "all-rights-reserved", "cc-by".</summary>
    [JsonPropertyName("license")] public string? License { get; init; }

    /// <summary><c>publisher_metadata</c>, null on most user uploads.</summary>
    [JsonPropertyName("publisher_metadata")] public ScPublisherMetadata? PublisherMetadata { get; init; }

    /// <summary><c>artwork_url</c>.</summary>
    [JsonPropertyName("artwork_url")] public string? ArtworkUrl { get; init; }

    /// <summary><c>waveform_url</c>.</summary>
    [JsonPropertyName("waveform_url")] public string? WaveformUrl { get; init; }
}
