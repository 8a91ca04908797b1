using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>A track's <c>publisher_metadata</c> (rights-holder data; null on most user uploads).</summary>
public sealed record ScPublisherMetadata
{
    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary><c>urn</c>.</summary>
    [JsonPropertyName("urn")] public string? Urn { get; init; }

    /// <summary><c>artist</c>: the credited artist name.</summary>
    [JsonPropertyName("artist")] public string? Artist { get; init; }

    /// <summary><c>album_title</c>.</summary>
    [JsonPropertyName("album_title")] public string? AlbumTitle { get; init; }

    /// <summary><c>contains_music</c>.</summary>
    [JsonPropertyName("contains_music")] public bool? ContainsMusic { get; init; }

    /// <summary><c>isrc</c>.</summary>
    [JsonPropertyName("isrc")] public string? Isrc { get; init; }

    /// <summary><c>publisher</c>.</summary>
    [JsonPropertyName("publisher")] public string? Publisher { get; init; }

    /// <summary><c>p_line</c>: phonographic copyright line.</summary>
    [JsonPropertyName("p_line")] public string? PLine { get; init; }

    /// <summary><c>c_line</c>: copyright line.</summary>
    [JsonPropertyName("c_line")] public string? CLine { get; init; }

    /// <summary><c>release_title</c>.</summary>
    [JsonPropertyName("release_title")] public string? ReleaseTitle { get; init; }

    /// <summary><c>upc_or_ean</c>.</summary>
    [JsonPropertyName("upc_or_ean")] public string? UpcOrEan { get; init; }

    /// <summary><c>writer_composer</c>.</summary>
    [JsonPropertyName("writer_composer")] public string? WriterComposer { get; init; }
}
