using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage;

/// <summary>Writes catalog batches to a store; the provider boundary for imports (SQLite now, PostgreSQL later).</summary>
public interface ICatalogWriter
{
    /// <summary>
    /// Upserts every record of <paramref name="batch"/> in one transaction, resolving external keys to internal ids
    /// (keys may refer to records of earlier batches). Writing the same batch twice leaves the same rows.
    /// </summary>
    /// <returns>Rows written per table name: inserted, or changed by the upsert (a row already stored with the same
    /// values is not counted, so a re-import reports what it actually changed).</returns>
    /// <exception cref="UnknownKeyException">A record refers to a key that is neither in the batch nor stored.</exception>
    /// <exception cref="StoreException">The database refused the batch (e.g. a constraint); nothing of it was stored.</exception>
    /// <remarks>A batch's listens of a play already stored from another source (same user and track, start times less than
    /// <see cref="ListenRecord.CrossSourceTolerance"/> apart) are not stored; their number is returned under
    /// <see cref="Core.Import.ImportReport.CrossSourceDuplicateListens"/>.</remarks>
    Task<IReadOnlyDictionary<string, long>> WriteAsync(CatalogBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Finds the key of a stored track with the given (primary artist, title) name key
    /// (<see cref="Core.Identity.NameNormalizer.TrackNameKey"/>): a name-keyed track first (so repeated imports of a
    /// history resolve to the same track), else one with a Spotify id; null when none.</summary>
    Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default);

    /// <summary>Finds the key of the stored track that carries an identifier (<c>track_identifiers</c>): the oldest such
    /// track when several do (an ISRC reused across recordings); null when none does. A writer that keeps no identifiers
    /// answers null.</summary>
    /// <param name="kind">One of <see cref="Core.Identity.TrackIds.Kinds"/>.</param>
    /// <param name="value">The canonical value (<see cref="Core.Identity.TrackIds.Canonical"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The track key, or null.</returns>
    Task<string?> FindTrackKeyByIdentifierAsync(string kind, string value, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}

/// <summary>A record referred to a key that is neither in its batch nor in the store.</summary>
public sealed class UnknownKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnknownKeyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnknownKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
