using System.Data.Common;
using Dapper;
using SoundGraph.Core.Identity;

namespace SoundGraph.Storage.Resolution;

/// <summary>One id a source knows a track by (a row of <c>track_identifiers</c>, migration 0008).</summary>
/// <param name="Kind">One of <see cref="TrackIdentifierStore.Kinds"/>.</param>
/// <param name="Value">The id: a Spotify URI, an upper-case ISRC, a lower-case MusicBrainz recording MBID, …</param>
/// <param name="Method"><c>id</c> (the source gave it, or it was found by another id) or <c>name</c> (matched by name).</param>
public sealed record TrackIdentifier(string Kind, string Value, string Method);

/// <summary>A stored track to resolve: its id, key, title, primary artist's name (first credit by role, position, artist
/// id; null when uncredited) and ISRC (null when none).</summary>
/// <param name="Id">Track id.</param>
/// <param name="Key">Track key.</param>
/// <param name="Title">Stored title.</param>
/// <param name="PrimaryArtist">Primary artist's display name, or null.</param>
/// <param name="Isrc">The track's ISRC (<c>tracks.isrc</c>), or null.</param>
public sealed record TrackToResolve(long Id, string Key, string Title, string? PrimaryArtist, string? Isrc);

/// <summary>Reads and writes <c>track_identifiers</c> and the 0008 columns <c>track_credits.join_phrase</c> and
/// <c>track_tags.count</c> with portable SQL (both providers).</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time.</remarks>
public sealed class TrackIdentifierStore
{
    /// <summary>The identifier kinds the table holds.</summary>
    public static IReadOnlyList<string> Kinds => TrackIds.Kinds;

    private readonly DbConnection _connection;

    /// <summary>Creates the store over an open, migrated connection.</summary>
    /// <param name="connection">The store's connection.</param>
    public TrackIdentifierStore(DbConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <summary>The method of an identifier whose name match was undone (<see cref="UnlinkNameMatchesAsync"/>): kept so that
    /// no resolve matches the track by name to it again, ignored by look-ups and reports.</summary>
    public const string Unlinked = "unlinked";

    /// <summary>Undoes name matches (<c>sgr db unlink</c>): every identifier with method <c>name</c> — of one track, or of
    /// all — becomes <see cref="Unlinked"/>, so imports no longer merge by it and <c>sgr resolve</c> leaves the track
    /// alone; with <paramref name="restore"/> the unlinked ones become name matches again. A name match brings only its
    /// identifiers (<c>sgr resolve musicbrainz</c> adds MusicBrainz credits and tags only for id matches), so this undoes
    /// it completely. Listens that an import resolved by name (<c>track_names</c>) stay on their track.</summary>
    /// <param name="trackId">The track, or null for every track.</param>
    /// <param name="restore">Restore unlinked identifiers instead.</param>
    /// <param name="ct">Cancels the statement.</param>
    /// <returns>Identifiers changed.</returns>
    public Task<int> UnlinkNameMatchesAsync(long? trackId, bool restore = false, CancellationToken ct = default) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE track_identifiers SET method = @to WHERE method = @from AND (@trackId IS NULL OR track_id = @trackId)",
            new { to = restore ? "name" : Unlinked, from = restore ? Unlinked : "name", trackId },
            cancellationToken: ct));

    /// <summary>Tracks that have no identifier of <paramref name="kind"/>, in id order.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="limit">At most this many (≥ 0).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The tracks, with primary artist and ISRC.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is unknown or <paramref name="limit"/> is negative.</exception>
    public async Task<IReadOnlyList<TrackToResolve>> ListWithoutAsync(string kind, int limit, CancellationToken ct = default)
    {
        CheckKind(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var rows = await _connection.QueryAsync<TrackToResolve>(new CommandDefinition(
            """
            SELECT t.id AS Id, t.key AS Key, t.title AS Title,
                   (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                    WHERE c.track_id = t.id ORDER BY c.role, c.position, c.artist_id LIMIT 1) AS PrimaryArtist,
                   t.isrc AS Isrc
            FROM tracks t
            WHERE NOT EXISTS (SELECT 1 FROM track_identifiers i WHERE i.track_id = t.id AND i.kind = @kind)
            ORDER BY t.id
            LIMIT @limit
            """,
            new { kind, limit = (long)limit },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Tracks with a recording MBID (not unlinked) and no user-less tag yet, most-listened first, then by id: what
    /// <c>sgr tags listenbrainz</c> asks tags for. A track with several MBIDs comes once, with its smallest.</summary>
    /// <param name="limit">At most this many (≥ 0).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>(track id, track key, MBID) rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public async Task<IReadOnlyList<(long TrackId, string Key, Guid Mbid)>> ListUntaggedWithMbidAsync(int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var rows = await _connection.QueryAsync<(long TrackId, string Key, string Mbid)>(new CommandDefinition(
            """
            SELECT t.id, t.key, MIN(i.value)
            FROM tracks t JOIN track_identifiers i ON i.track_id = t.id AND i.kind = 'mbid' AND i.method <> 'unlinked'
            WHERE NOT EXISTS (SELECT 1 FROM track_tags x WHERE x.track_id = t.id AND x.user_id = 0)
            GROUP BY t.id, t.key
            ORDER BY (SELECT COUNT(*) FROM listens l WHERE l.track_id = t.id) DESC, t.id
            LIMIT @limit
            """,
            new { limit = (long)limit },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => (r.TrackId, r.Key, Guid.Parse(r.Mbid))).ToList();
    }

    /// <summary>Adds identifiers of one track; a (kind, value, track) already stored is left as it is.</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="identifiers">The identifiers, written in one transaction in the given order.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>How many rows were inserted.</returns>
    /// <exception cref="ArgumentException">A kind is unknown, a value blank, or a method other than <c>id</c>/<c>name</c>.</exception>
    public async Task<int> AddAsync(long trackId, IEnumerable<TrackIdentifier> identifiers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var list = identifiers.ToList();
        foreach (var i in list)
        {
            CheckKind(i.Kind);
            ArgumentException.ThrowIfNullOrWhiteSpace(i.Value, nameof(identifiers));
            if (i.Method is not ("id" or "name"))
            {
                throw new ArgumentException($"An identifier's method must be \"id\" or \"name\", was \"{i.Method}\".", nameof(identifiers));
            }
        }

        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var inserted = 0;
        foreach (var i in list)
        {
            inserted += await _connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO track_identifiers (track_id, kind, value, method) VALUES (@trackId, @Kind, @Value, @Method) ON CONFLICT DO NOTHING",
                new { trackId, i.Kind, i.Value, i.Method },
                tx,
                cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return inserted;
    }

    /// <summary>The identifiers of one track, ordered by kind, value.</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The rows.</returns>
    public async Task<IReadOnlyList<TrackIdentifier>> ForTrackAsync(long trackId, CancellationToken ct = default) =>
        (await _connection.QueryAsync<TrackIdentifier>(new CommandDefinition(
            "SELECT kind AS Kind, value AS Value, method AS Method FROM track_identifiers WHERE track_id = @trackId ORDER BY kind, value, method",
            new { trackId },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();

    /// <summary>The stored track an id names: the oldest track with a live <c>track_identifiers</c> row of
    /// <paramref name="kind"/> and <paramref name="value"/> (<see cref="SqlFragments.IdentifierMatch"/>: an unlinked name
    /// match names nothing). Every track keyed by an id and every ISRC a track carries has its row: the writers add them
    /// (<c>TrackIds.Of</c>), migrations 0008 and 0011 added them to older stores.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="value">The id in canonical form (<c>TrackIds.Canonical</c>): upper-case ISRC, lower-case MBID.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The track's id and key, or null when no stored track has the id.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is unknown.</exception>
    public async Task<(long Id, string Key)?> FindTrackAsync(string kind, string value, CancellationToken ct = default)
    {
        CheckKind(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var rows = (await _connection.QueryAsync<(long Id, string Key)>(new CommandDefinition(
            SqlFragments.TrackByIdentifier("@kind", "@value"),
            new { kind, value },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The id of the track keyed <paramref name="key"/>, or null.</summary>
    /// <param name="key">A track key.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The id, or null when no track has the key.</returns>
    public async Task<long?> TrackIdByKeyAsync(string key, CancellationToken ct = default) =>
        await _connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM tracks WHERE key = @key", new { key }, cancellationToken: ct)).ConfigureAwait(false);

    /// <summary>Sets the join phrase of stored credits of one track (<c>track_credits.join_phrase</c>).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="phrases">(artist key, join phrase) pairs; a credit of an artist key not stored on the track is ignored.</param>
    /// <param name="ct">Cancels the write.</param>
    public async Task SetJoinPhrasesAsync(long trackId, IEnumerable<(string ArtistKey, string? JoinPhrase)> phrases, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var (artistKey, joinPhrase) in phrases)
        {
            await _connection.ExecuteAsync(new CommandDefinition(
                "UPDATE track_credits SET join_phrase = @joinPhrase WHERE track_id = @trackId AND artist_id = (SELECT id FROM artists WHERE key = @artistKey)",
                new { trackId, artistKey, joinPhrase },
                tx,
                cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sets the source's count on stored user-less tag assignments (user 0) of one track (<c>track_tags.count</c>).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="tags">Tags by name (matched on the normalized name, as the catalog writer stores them) with counts.</param>
    /// <param name="ct">Cancels the write.</param>
    public Task SetTrackTagCountsAsync(long trackId, IEnumerable<CountedTag> tags, CancellationToken ct = default) =>
        SetTagCountsAsync("track_tags", "track_id", trackId, tags, ct);

    /// <summary>Sets the source's count on stored user-less tag assignments (user 0) of one artist (<c>artist_tags.count</c>).</summary>
    /// <param name="artistId">Artist id.</param>
    /// <param name="tags">Tags by name with counts.</param>
    /// <param name="ct">Cancels the write.</param>
    public Task SetArtistTagCountsAsync(long artistId, IEnumerable<CountedTag> tags, CancellationToken ct = default) =>
        SetTagCountsAsync("artist_tags", "artist_id", artistId, tags, ct);

    private async Task SetTagCountsAsync(string table, string column, long id, IEnumerable<CountedTag> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var tag in tags)
        {
            await _connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table} SET count = @count WHERE {column} = @id AND user_id = 0 AND tag_id = (SELECT id FROM tags WHERE name_norm = @norm)",
                new { id, count = tag.Count, norm = NameNormalizer.MatchKey(tag.Name) },
                tx,
                cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static void CheckKind(string kind)
    {
        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown identifier kind \"{kind}\"; known: {string.Join(", ", Kinds)}.", nameof(kind));
        }
    }
}
