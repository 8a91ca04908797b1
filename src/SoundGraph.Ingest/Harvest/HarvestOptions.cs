using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Harvest;

/// <summary>The seven Deep Harvest layers, each with its enable flag and limits (DESIGN.md "Deep harvest"). Defaults
/// are the original design's: 500 likers, 500 reposters, 500 likes per user, 200 playlists, 500 tracks per playlist,
/// 1,000 artist tracks, fuzzy search 100 with similarity ≥ 0.6, 3 labels × 200, 10 entities × 50.</summary>
/// <remarks>Every limit bounds one collection walk (one user's likes, one label's catalogue search), never a total over
/// the run: a total would depend on which walk finished first, and a resumed or concurrent run must keep exactly the rows
/// an uninterrupted one keeps.</remarks>
public sealed class HarvestOptions
{
    /// <summary>Layer 1: likers and reposters of the seed, then each one's liked tracks.</summary>
    public UsersLayerOptions Users { get; set; } = new();

    /// <summary>Layer 2: the artist's playlists and the likers' playlists that contain the seed, with their tracks.</summary>
    public PlaylistsLayerOptions Playlists { get; set; } = new();

    /// <summary>Layer 3: the artist's discography.</summary>
    public ArtistLayerOptions Artist { get; set; } = new();

    /// <summary>Layer 4: search by the title's key terms, kept by fuzzy title similarity.</summary>
    public SemanticLayerOptions Semantic { get; set; } = new();

    /// <summary>Layer 5: commenters of the seed, then their liked tracks.</summary>
    public CommentsLayerOptions Comments { get; set; } = new();

    /// <summary>Layer 6: the seed's labels and their catalogues.</summary>
    public LabelsLayerOptions Labels { get; set; } = new();

    /// <summary>Layer 7: entities credited or mentioned in the seed's title and description.</summary>
    public EntitiesLayerOptions Entities { get; set; } = new();

    /// <summary>Names of the layers, in order.</summary>
    public static IReadOnlyList<string> LayerNames { get; } = ["users", "playlists", "artist", "semantic", "comments", "labels", "entities"];

    /// <summary>Checks every limit.</summary>
    /// <exception cref="ArgumentException">A limit is out of range; the message names the field (e.g. <c>users.max_likers</c>).</exception>
    public void Validate()
    {
        Positive(Users.MaxLikers, "users.max_likers");
        Positive(Users.MaxReposters, "users.max_reposters");
        Positive(Users.MaxLikesPerUser, "users.max_likes_per_user");
        Positive(Playlists.MaxPlaylists, "playlists.max_playlists");
        Positive(Playlists.MaxTracksPerPlaylist, "playlists.max_tracks_per_playlist");
        Positive(Artist.MaxTracks, "artist.max_tracks");
        Positive(Semantic.MaxResults, "semantic.max_results");
        if (Semantic.MinSimilarity is < 0 or > 1 || double.IsNaN(Semantic.MinSimilarity))
        {
            throw new ArgumentException($"semantic.min_similarity must be between 0 and 1 (got {Semantic.MinSimilarity}).");
        }

        Positive(Comments.MaxComments, "comments.max_comments");
        Positive(Labels.MaxLabels, "labels.max_labels");
        Positive(Labels.MaxTracksPerLabel, "labels.max_tracks_per_label");
        Positive(Entities.MaxEntities, "entities.max_entities");
        Positive(Entities.MaxTracksPerEntity, "entities.max_tracks_per_entity");
        Positive(ScanFactor, "scan_factor");
    }

    /// <summary>A filtered walk (label catalogue, entity search) stops after scanning this many times its keep limit.</summary>
    /// <value>Default 5.</value>
    public int ScanFactor { get; set; } = 5;

    /// <summary>Whether a layer is enabled, by name (<see cref="LayerNames"/>).</summary>
    public bool IsEnabled(string layer) => layer switch
    {
        "users" => Users.Enabled,
        "playlists" => Playlists.Enabled,
        "artist" => Artist.Enabled,
        "semantic" => Semantic.Enabled,
        "comments" => Comments.Enabled,
        "labels" => Labels.Enabled,
        "entities" => Entities.Enabled,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown harvest layer."),
    };

    /// <summary>The configuration as canonical JSON (snake_case), stored with the run.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>SHA-256 (hex) of <see cref="ToJson"/> and <paramref name="source"/> (the API's authority): runs with
    /// another configuration, or against another server, are other runs.</summary>
    public string Hash(string source = "") => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson() + "\n" + source)));

    /// <summary>Serializer settings of the configuration file's JSON form.</summary>
    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} must be at least 1 (got {value}).");
        }
    }
}

/// <summary>Layer 1 limits.</summary>
public sealed class UsersLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Likers (favoriters) of the seed to take. Default 500.</summary>
    public int MaxLikers { get; set; } = 500;

    /// <summary>Reposters of the seed to take. Default 500.</summary>
    public int MaxReposters { get; set; } = 500;

    /// <summary>Liked tracks to take per liker, reposter or commenter. Default 500.</summary>
    public int MaxLikesPerUser { get; set; } = 500;
}

/// <summary>Layer 2 limits.</summary>
public sealed class PlaylistsLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Playlists to walk per user (the artist, each liker). Default 200.</summary>
    public int MaxPlaylists { get; set; } = 200;

    /// <summary>Tracks kept per playlist (the first ones, in playlist order). Default 500.</summary>
    public int MaxTracksPerPlaylist { get; set; } = 500;
}

/// <summary>Layer 3 limits.</summary>
public sealed class ArtistLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tracks of the artist's discography to take. Default 1,000.</summary>
    public int MaxTracks { get; set; } = 1000;
}

/// <summary>Layer 4 limits.</summary>
public sealed class SemanticLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Search results to examine. Default 100.</summary>
    public int MaxResults { get; set; } = 100;

    /// <summary>Minimum fuzzy title similarity (0–1) to keep a result. Default 0.6.</summary>
    public double MinSimilarity { get; set; } = 0.6;
}

/// <summary>Layer 5 limits.</summary>
public sealed class CommentsLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Comments of the seed to read. Default 500. Each commenter's likes use <see cref="UsersLayerOptions.MaxLikesPerUser"/>.</summary>
    public int MaxComments { get; set; } = 500;
}

/// <summary>Layer 6 limits.</summary>
public sealed class LabelsLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Labels taken from the seed. Default 3.</summary>
    public int MaxLabels { get; set; } = 3;

    /// <summary>Catalogue tracks kept per label. Default 200.</summary>
    public int MaxTracksPerLabel { get; set; } = 200;
}

/// <summary>Layer 7 limits.</summary>
public sealed class EntitiesLayerOptions
{
    /// <summary>Enabled. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Entities taken from the seed. Default 10.</summary>
    public int MaxEntities { get; set; } = 10;

    /// <summary>Tracks kept per entity. Default 50.</summary>
    public int MaxTracksPerEntity { get; set; } = 50;
}
