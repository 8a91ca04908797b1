using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>A comment on a track (<c>"kind":"comment"</c>).</summary>
public sealed record ScComment
{
    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")] public long Id { get; init; }

    /// <summary><c>kind</c>: "comment".</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary><c>created_at</c>, parsed; null when absent.</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(SoundCloudDateConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary><c>user_id</c>: the commenter.</summary>
    [JsonPropertyName("user_id")] public long? UserId { get; init; }

    /// <summary><c>track_id</c>.</summary>
    [JsonPropertyName("track_id")] public long? TrackId { get; init; }

    /// <summary><c>timestamp</c>: position in the track in milliseconds; null for a comment on the whole track.</summary>
    [JsonPropertyName("timestamp")] public long? TimestampMs { get; init; }

    /// <summary><c>body</c>: the comment text.</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }

    /// <summary><c>user</c>: the commenter as a mini user.</summary>
    [JsonPropertyName("user")] public ScUser? User { get; init; }
}
