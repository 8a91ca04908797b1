using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Merges by identifier: finds the track that already carries one of an incoming track's identifiers — in this
/// import or in the store (<see cref="ICatalogWriter.FindTrackKeyByIdentifierAsync"/>) — so a recording that one source
/// keys by MBID and another by Spotify URI stays one track once an identifier ties them (issue 14, "one identity per
/// track"). Kinds are tried in <see cref="TrackIds.MergeOrder"/>; each hit on a stored track is counted in
/// <c>Read["tracks_merged_by_&lt;kind&gt;"]</c>. Not thread-safe (one per import).</summary>
/// <param name="writer">The store's writer, for look-ups of stored identifiers.</param>
/// <param name="report">Counts merges.</param>
internal sealed class TrackIdentityResolver(ICatalogWriter writer, ImportReport report)
{
    private readonly Dictionary<(string Kind, string Value), string?> _known = [];

    /// <summary>The key of the track that carries one of <paramref name="identifiers"/>, or null when none does.</summary>
    /// <param name="identifiers">The incoming track's identifiers (kind, canonical value); kinds outside
    /// <see cref="TrackIds.MergeOrder"/> are ignored.</param>
    /// <param name="cancellationToken">Cancels a store look-up.</param>
    /// <returns>The existing track's key, or null.</returns>
    public async ValueTask<string?> FindAsync(IReadOnlyCollection<(string Kind, string Value)> identifiers, CancellationToken cancellationToken)
    {
        foreach (var kind in TrackIds.MergeOrder)
        {
            foreach (var id in identifiers.Where(i => i.Kind == kind))
            {
                if (!_known.TryGetValue(id, out var key))
                {
                    key = await writer.FindTrackKeyByIdentifierAsync(id.Kind, id.Value, cancellationToken).ConfigureAwait(false);
                    _known[id] = key;
                    if (key is not null)
                    {
                        report.CountRead("tracks_merged_by_" + kind);
                    }
                }

                if (key is not null)
                {
                    return key;
                }
            }
        }

        return null;
    }

    /// <summary>Records that <paramref name="trackKey"/> now carries <paramref name="identifiers"/> (emitted in this import),
    /// so later records with one of them resolve to it; an identifier already tied to a track keeps its track.</summary>
    /// <param name="trackKey">The track's key.</param>
    /// <param name="identifiers">Its identifiers.</param>
    public void Remember(string trackKey, IEnumerable<(string Kind, string Value)> identifiers)
    {
        foreach (var id in identifiers)
        {
            if (!_known.TryGetValue(id, out var key) || key is null)
            {
                _known[id] = trackKey;
            }
        }
    }

    /// <summary>The identifier records of <paramref name="identifiers"/> for <paramref name="trackKey"/>, with <paramref name="method"/>.</summary>
    public static IEnumerable<TrackIdentifierRecord> Records(string trackKey, IEnumerable<(string Kind, string Value)> identifiers, string method = "id") =>
        identifiers.Select(i => new TrackIdentifierRecord(trackKey, i.Kind, i.Value, method));
}
