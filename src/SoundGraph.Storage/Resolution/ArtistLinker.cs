using System.Data.Common;
using Dapper;

namespace SoundGraph.Storage.Resolution;

/// <summary>What <see cref="ArtistLinker.LinkByNameAsync"/> did.</summary>
/// <param name="Linked">Name-keyed artists linked by this call.</param>
/// <param name="Ambiguous">Name-keyed artists left unlinked because two or more Spotify artists share their name.</param>
public sealed record ArtistLinkResult(long Linked, long Ambiguous);

/// <summary>
/// Links artists known only by name (<c>name:artist:…</c> keys: the top-songs CSV, HetRec Last.fm, account exports) to
/// artists keyed by a Spotify id (<c>spotify:artist:…</c>: the Million Playlist Dataset) when their normalized names are
/// equal and exactly one Spotify artist has that name (ARCHITECTURE.md, Identity across sources). A link is a reported
/// match, never a merge: both rows and everything pointing at them stay as they are; artist-level relations read a
/// linked artist's memberships as its Spotify artist's (<see cref="DbRelationStore"/>), and
/// <see cref="UnlinkAllAsync"/> undoes every link (and keeps later imports from making it again). Two different Spotify artists who share a name stay two artists, and
/// an ambiguous name is counted, not guessed.
/// </summary>
public static class ArtistLinker
{
    /// <summary>The method recorded for an equal-normalized-name link (<c>artist_links.method</c>).</summary>
    public const string NameMethod = "name";

    /// <summary>Links every unlinked name-keyed artist whose normalized name (<c>artists.name_norm</c>) belongs to exactly one
    /// Spotify-keyed artist, in one statement; existing links are kept as they are.</summary>
    /// <param name="connection">An open, migrated store connection.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public static async Task<ArtistLinkResult> LinkByNameAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string candidates = """
            FROM artists n JOIN artists s ON s.name_norm = n.name_norm AND s.key LIKE 'spotify:artist:%'
            WHERE n.key LIKE 'name:artist:%' AND NOT EXISTS (SELECT 1 FROM artist_links l WHERE l.name_artist_id = n.id)
            GROUP BY n.id
            """;
        var linked = await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO artist_links (name_artist_id, artist_id, method, linked_at) SELECT n.id, MIN(s.id), @method, @now {candidates} HAVING COUNT(*) = 1",
            new { method = NameMethod, now = StoreText.UtcTimestamp(DateTimeOffset.UtcNow) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var ambiguous = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM (SELECT n.id {candidates} HAVING COUNT(*) > 1) x", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ArtistLinkResult(linked, ambiguous);
    }

    /// <summary>The method of a link a user removed (<see cref="UnlinkAllAsync"/>): kept so later imports do not link the
    /// pair again, and ignored by every reader.</summary>
    public const string UnlinkedMethod = "unlinked";

    /// <summary>Removes every name link: marks it <see cref="UnlinkedMethod"/>, so readers ignore it and later imports do not
    /// link the artist again (the artists themselves are untouched); returns how many links were removed.</summary>
    public static async Task<long> UnlinkAllAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE artist_links SET method = @unlinked WHERE method = @name", new { unlinked = UnlinkedMethod, name = NameMethod }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Restores the links <see cref="UnlinkAllAsync"/> removed; returns how many.</summary>
    public static async Task<long> RestoreAllAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE artist_links SET method = @name WHERE method = @unlinked", new { unlinked = UnlinkedMethod, name = NameMethod }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
