namespace SoundGraph.Core.Identity;

/// <summary>
/// Builds the source-qualified external keys that identify entities in the store
/// (<c>spotify:track:0UaM…</c>, <c>hetrec:user:2</c>, <c>name:artist:coldplay</c>).
/// </summary>
/// <remarks>
/// Sources with stable ids use them. Sources that only name things (Spotify account exports, the top-songs CSV's artist
/// list, HetRec's Last.fm artists, which Last.fm itself identifies by name) use a <c>name:</c> key built from
/// <see cref="NameNormalizer"/>; this is the explicit, documented name match across sources (DESIGN.md, Identity).
/// </remarks>
public static class EntityKeys
{
    /// <summary>Key of an artist known only by name.</summary>
    public static string ArtistByName(string name) => "name:artist:" + NameNormalizer.MatchKey(name);

    /// <summary>Key of a track known only by its primary artist and title.</summary>
    public static string TrackByName(string primaryArtist, string title) => "name:track:" + NameNormalizer.TrackNameKey(primaryArtist, title);

    /// <summary>Key of a record label (labels are identified by normalized name).</summary>
    public static string Label(string name) => "name:label:" + NameNormalizer.MatchKey(name);

    /// <summary>Key of a Spotify entity from its id: <c>spotify:{type}:{id}</c>.</summary>
    public static string Spotify(string type, string id) => $"spotify:{type}:{id}";

    /// <summary>True when <paramref name="uri"/> looks like <c>spotify:{type}:{id}</c> with a non-empty id.</summary>
    public static bool IsSpotifyUri([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? uri, string type) =>
        uri is not null && uri.Length > type.Length + 9 && uri.StartsWith("spotify:", StringComparison.Ordinal)
        && uri.AsSpan(8).StartsWith(type, StringComparison.Ordinal) && uri[8 + type.Length] == ':'; // no prefix string built per call: import hot path

    /// <summary>Key of a listener named by the store's owner (<c>sgr sync … --listener NAME</c>): <c>listener:user:{name}</c>.
    /// Syncs from several services under one listener put one person's plays under one user, so the same play scrobbled to
    /// two services is recognised (<see cref="Catalog.ListenRecord.CrossSourceTolerance"/>).</summary>
    public static string Listener(string name) => "listener:user:" + name.Trim();

    /// <summary>Key of an entity local to a named source: <c>{source}:{type}:{id}</c>.</summary>
    public static string Local(string source, string type, string id) => $"{source}:{type}:{id}";
}
