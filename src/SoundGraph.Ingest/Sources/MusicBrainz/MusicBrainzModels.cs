using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.MusicBrainz;

/// <summary>A MusicBrainz artist as embedded in an artist credit (WS/2 JSON <c>artist</c>).</summary>
/// <param name="Id">Artist MBID.</param>
/// <param name="Name">Artist name.</param>
public sealed record MbArtist(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

/// <summary>One name-credit of an artist credit (WS/2 JSON <c>artist-credit[]</c>): the name as credited, the phrase
/// joining it to the next credit (<c>" feat. "</c>, <c>" &amp; "</c>, <c>""</c> for the last), and the artist.</summary>
/// <param name="Name">Name as credited on the recording.</param>
/// <param name="JoinPhrase">Join phrase after this credit; empty for the last.</param>
/// <param name="Artist">The credited artist.</param>
public sealed record MbNameCredit(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("joinphrase")] string? JoinPhrase,
    [property: JsonPropertyName("artist")] MbArtist Artist);

/// <summary>A release in a recording's <c>releases</c> list.</summary>
/// <param name="Id">Release MBID.</param>
/// <param name="Title">Release title.</param>
public sealed record MbRelease(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string? Title);

/// <summary>A tag or genre with its vote count (WS/2 JSON <c>tags[]</c>, <c>genres[]</c>).</summary>
/// <param name="Name">Tag name (lower case as MusicBrainz stores tags).</param>
/// <param name="Count">Votes; can be 0 or negative when down-voted.</param>
public sealed record MbTag(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("count")] int Count);

/// <summary>A recording (WS/2 JSON, <c>recording/{mbid}</c> lookup, an ISRC lookup's <c>recordings[]</c>, or a search hit).
/// Lists absent from the answer (not requested with <c>inc=</c>) are empty.</summary>
public sealed record MbRecording
{
    /// <summary>Recording MBID (lower-case UUID).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    [JsonPropertyName("title")]
    public string Title { get; init; } = "";

    /// <summary>Length in milliseconds, or null when unknown.</summary>
    [JsonPropertyName("length")]
    public long? Length { get; init; }

    /// <summary>Search relevance 0–100 (search hits only; null otherwise). Older servers sent it as a string.</summary>
    [JsonPropertyName("score")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Score { get; init; }

    /// <summary>The artist credit in order.</summary>
    [JsonPropertyName("artist-credit")]
    public IReadOnlyList<MbNameCredit> ArtistCredit { get; init; } = [];

    /// <summary>Releases the recording appears on.</summary>
    [JsonPropertyName("releases")]
    public IReadOnlyList<MbRelease> Releases { get; init; } = [];

    /// <summary>ISRCs of the recording.</summary>
    [JsonPropertyName("isrcs")]
    public IReadOnlyList<string> Isrcs { get; init; } = [];

    /// <summary>Folksonomy tags with vote counts.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<MbTag> Tags { get; init; } = [];

    /// <summary>Genres (the curated subset of tags) with vote counts.</summary>
    [JsonPropertyName("genres")]
    public IReadOnlyList<MbTag> Genres { get; init; } = [];

    /// <summary>The credited names joined by their join phrases ("A feat. B"), as MusicBrainz displays the credit.</summary>
    [JsonIgnore]
    public string CreditedAs => string.Concat(ArtistCredit.Select(c => (c.Name ?? c.Artist.Name) + (c.JoinPhrase ?? "")));
}

/// <summary>The answer of an ISRC lookup (<c>isrc/{isrc}</c>).</summary>
/// <param name="Isrc">The ISRC looked up.</param>
/// <param name="Recordings">Recordings carrying it (usually one; several for reissues that reuse it).</param>
public sealed record MbIsrcResult(
    [property: JsonPropertyName("isrc")] string? Isrc,
    [property: JsonPropertyName("recordings")] IReadOnlyList<MbRecording> Recordings);

/// <summary>A page of a recording search (<c>recording?query=…</c>).</summary>
/// <param name="Count">Total hits.</param>
/// <param name="Offset">Offset of this page.</param>
/// <param name="Recordings">Hits, best score first.</param>
public sealed record MbSearchResult(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("recordings")] IReadOnlyList<MbRecording> Recordings);

/// <summary>Shared serializer settings of the MusicBrainz DTOs.</summary>
internal static class MusicBrainzJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
