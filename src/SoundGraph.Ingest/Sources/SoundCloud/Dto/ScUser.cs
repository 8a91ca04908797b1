using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>A SoundCloud user (<c>"kind":"user"</c>), full or the mini user embedded in tracks, playlists and comments
/// (which carries only some fields). Mirrors the JSON; counts are null when SoundCloud sends null or omits them.</summary>
public sealed record ScUser
{
    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")] public long Id { get; init; }

    /// <summary><c>kind</c>: "user".</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary><c>urn</c>: "soundcloud:users:ID".</summary>
    [JsonPropertyName("urn")] public string? Urn { get; init; }

    /// <summary><c>username</c>: the display name.</summary>
    [JsonPropertyName("username")] public string? Username { get; init; }

    /// <summary><c>permalink</c>: the URL slug.</summary>
    [JsonPropertyName("permalink")] public string? Permalink { get; init; }

    /// <summary><c>permalink_url</c>: the soundcloud.com page.</summary>
    [JsonPropertyName("permalink_url")] public string? PermalinkUrl { get; init; }

    /// <summary><c>full_name</c>.</summary>
    [JsonPropertyName("full_name")] public string? FullName { get; init; }

    /// <summary><c>first_name</c> (older bodies).</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }

    /// <summary><c>last_name</c> (older bodies).</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; init; }

    /// <summary><c>description</c>: profile text.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary><c>city</c>.</summary>
    [JsonPropertyName("city")] public string? City { get; init; }

    /// <summary><c>country</c> (a name such as "Netherlands", not a code).</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }

    /// <summary><c>followers_count</c>.</summary>
    [JsonPropertyName("followers_count")] public long? FollowersCount { get; init; }

    /// <summary><c>followings_count</c>.</summary>
    [JsonPropertyName("followings_count")] public long? FollowingsCount { get; init; }

    /// <summary><c>track_count</c>: public tracks uploaded.</summary>
    [JsonPropertyName("track_count")] public long? TrackCount { get; init; }

    /// <summary><c>playlist_count</c>.</summary>
    [JsonPropertyName("playlist_count")] public long? PlaylistCount { get; init; }

    /// <summary><c>public_favorites_count</c>: public likes.</summary>
    [JsonPropertyName("public_favorites_count")] public long? PublicFavoritesCount { get; init; }

    /// <summary><c>likes_count</c> (older bodies).</summary>
    [JsonPropertyName("likes_count")] public long? LikesCount { get; init; }

    /// <summary><c>reposts_count</c>.</summary>
    [JsonPropertyName("reposts_count")] public long? RepostsCount { get; init; }

    /// <summary><c>comments_count</c>.</summary>
    [JsonPropertyName("comments_count")] public long? CommentsCount { get; init; }

    /// <summary><c>plan</c>: "Free", "Pro Unlimited", ….</summary>
    [JsonPropertyName("plan")] public string? Plan { get; init; }

    /// <summary><c>website</c>.</summary>
    [JsonPropertyName("website")] public string? Website { get; init; }

    /// <summary><c>avatar_url</c>.</summary>
    [JsonPropertyName("avatar_url")] public string? AvatarUrl { get; init; }

    /// <summary><c>uri</c>: the API URL of the user.</summary>
    [JsonPropertyName("uri")] public string? Uri { get; init; }

    /// <summary><c>created_at</c>, parsed (either date format); null when absent.</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary><c>last_modified</c>, parsed; null when absent.</summary>
    [JsonPropertyName("last_modified"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? LastModified { get; init; }
}
