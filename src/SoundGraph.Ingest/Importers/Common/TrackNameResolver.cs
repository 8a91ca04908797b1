using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>How a track of a source without ids was identified.</summary>
/// <param name="Key">The track key to refer to.</param>
/// <param name="IsStored">True when the key is a track stored by an earlier import (found by name): emit no track record.</param>
internal readonly record struct ResolvedTrack(string Key, bool IsStored);

/// <summary>
/// Identity of tracks in sources that name them (DESIGN.md, Identity): a row's own Spotify track URI; else the URI that
/// another row of the same import gives for the same normalized (primary artist, title) pair; else a stored track with
/// that name key (<see cref="ICatalogWriter.FindTrackKeyByNameAsync"/>, counted once per name key in
/// <c>Read["tracks_matched_by_name"]</c>); else <see cref="EntityKeys.TrackByName"/>.
/// </summary>
internal sealed class TrackNameResolver(ICatalogWriter writer, ImportReport report)
{
    private readonly Dictionary<string, string> _uriByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResolvedTrack> _byName = new(StringComparer.Ordinal);

    /// <summary>Number of distinct name keys that have a URI within this import.</summary>
    public int UriNameCount => _uriByName.Count;

    /// <summary>Remembers that (<paramref name="artist"/>, <paramref name="title"/>) has <paramref name="uri"/> in this import (first URI wins).</summary>
    public void AddUri(string? artist, string? title, string? uri)
    {
        if (EntityKeys.IsSpotifyUri(uri, "track"))
        {
            _uriByName.TryAdd(NameNormalizer.TrackNameKey(artist, title), uri!);
        }
    }

    /// <summary>True when a row of this import gave a URI for (<paramref name="artist"/>, <paramref name="title"/>).</summary>
    public bool HasUri(string? artist, string? title) => _uriByName.ContainsKey(NameNormalizer.TrackNameKey(artist, title));

    /// <summary>Resolves the key of a track named (<paramref name="artist"/>, <paramref name="title"/>) with an optional URI.</summary>
    public async ValueTask<ResolvedTrack> ResolveAsync(string? uri, string? artist, string? title, CancellationToken cancellationToken)
    {
        if (EntityKeys.IsSpotifyUri(uri, "track"))
        {
            return new ResolvedTrack(uri!, false);
        }

        var nameKey = NameNormalizer.TrackNameKey(artist, title);
        if (_uriByName.TryGetValue(nameKey, out var known))
        {
            return new ResolvedTrack(known, false);
        }

        if (_byName.TryGetValue(nameKey, out var resolved))
        {
            return resolved;
        }

        var stored = await writer.FindTrackKeyByNameAsync(nameKey, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            report.CountRead("tracks_matched_by_name");
            resolved = new ResolvedTrack(stored, true);
        }
        else
        {
            resolved = new ResolvedTrack(EntityKeys.TrackByName(artist ?? string.Empty, title ?? string.Empty), false);
        }

        _byName[nameKey] = resolved;
        return resolved;
    }
}
