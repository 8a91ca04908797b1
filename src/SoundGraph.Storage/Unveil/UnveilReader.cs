using System.Data.Common;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Storage.Unveil;

/// <summary>Builds <see cref="UnveilReport"/>s from the store: summary, playlists, relations with their evidence,
/// artist connections and engagement. Every section is present; one without data says why.</summary>
/// <remarks>Each related item carries its score (the relation weight defined in <see cref="RelationKind"/>), the exact
/// evidence count and a short "why" built from the stored evidence sample (playlist names, tag names, track titles).</remarks>
public sealed partial class UnveilReader
{
    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;

    /// <summary>Creates a reader over an open connection (not owned), SQLite or PostgreSQL.</summary>
    public UnveilReader(DbConnection connection)
    {
        _connection = connection;
        _dialect = SqlDialect.For(connection);
    }

    /// <summary>The largest <c>limit</c> of <see cref="BuildAsync"/>: items per section.</summary>
    public const int MaxLimit = 200;

    /// <summary>The report for <paramref name="subject"/> (a track, an artist or a user), with at most
    /// <paramref name="limit"/> items per section.</summary>
    /// <remarks>Sections by kind: track: summary, playlists, co_playlist, tags, audio, the primary artist's connections
    /// (collaborators, co_listened, co_library, shared_label), engagement; artist: summary, playlists, co_playlist, tags,
    /// audio, connections, engagement; user: summary, top_artists, similar_listeners, similar_likers, friends.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not in 1–200.</exception>
    public async Task<UnveilReport> BuildAsync(EntityRef subject, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        try
        {
            return subject.Kind switch
            {
                "track" => await TrackReportAsync(subject, limit, cancellationToken).ConfigureAwait(false),
                "user" => await UserReportAsync(subject, limit, cancellationToken).ConfigureAwait(false),
                _ => await ArtistReportAsync(subject, limit, cancellationToken).ConfigureAwait(false),
            };
        }
        finally
        {
            _lists = null;
        }
    }

    private async Task<UnveilReport> ArtistReportAsync(EntityRef artist, int limit, CancellationToken ct)
    {
        var key = await _connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT key FROM artists WHERE id = @Id", new { artist.Id }, cancellationToken: ct)).ConfigureAwait(false);
        await PrefetchAsync([RelationKind.ArtistCoPlaylist, RelationKind.ArtistTagOverlap, .. ConnectionKinds], artist.Id, ct).ConfigureAwait(false);
        var sections = new List<UnveilSection>
        {
            await ArtistSummaryAsync(artist.Id, ct).ConfigureAwait(false),
            await ArtistPlaylistsAsync(artist.Id, limit, ct).ConfigureAwait(false),
            await RelatedAsync("co_playlist", "Related by co-playlist", RelationKind.ArtistCoPlaylist, artist.Id, limit, "No artist shares a playlist with this one.", ct).ConfigureAwait(false),
            await RelatedAsync("tags", "Related by tags", RelationKind.ArtistTagOverlap, artist.Id, limit, "No other artist shares a tag with this one.", ct).ConfigureAwait(false),
            await ArtistAudioAsync(artist.Id, limit, ct).ConfigureAwait(false),
        };
        sections.AddRange(await ConnectionsAsync(artist, limit, ct).ConfigureAwait(false));
        sections.Add(await EngagementAsync("artist", artist.Id, ct).ConfigureAwait(false));
        return new UnveilReport(new UnveilSubject("artist", artist.Id, artist.Name, key ?? string.Empty), sections);
    }

    private async Task<UnveilReport> TrackReportAsync(EntityRef track, int limit, CancellationToken ct)
    {
        var key = await _connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT key FROM tracks WHERE id = @Id", new { track.Id }, cancellationToken: ct)).ConfigureAwait(false);
        await PrefetchAsync([RelationKind.TrackCoPlaylist, RelationKind.TrackTagOverlap, RelationKind.TrackAudioSimilarity], track.Id, ct).ConfigureAwait(false);
        var sections = new List<UnveilSection>
        {
            await TrackSummaryAsync(track.Id, ct).ConfigureAwait(false),
            await TrackPlaylistsAsync(track.Id, limit, ct).ConfigureAwait(false),
            await RelatedAsync("co_playlist", "Related by co-playlist", RelationKind.TrackCoPlaylist, track.Id, limit, "No track shares a playlist with this one.", ct).ConfigureAwait(false),
            await RelatedAsync("tags", "Related by tags", RelationKind.TrackTagOverlap, track.Id, limit, "No other track shares a tag with this one.", ct).ConfigureAwait(false),
            await RelatedAsync("audio", "Related by audio features", RelationKind.TrackAudioSimilarity, track.Id, limit, "No track is close enough in audio-feature space.", ct).ConfigureAwait(false),
        };
        var primary = await _connection.QueryFirstOrDefaultAsync<(long Id, string Name)?>(new CommandDefinition(
            "SELECT a.id, a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id WHERE c.track_id = @Id ORDER BY c.role, c.position LIMIT 1",
            new { track.Id },
            cancellationToken: ct)).ConfigureAwait(false);
        if (primary is { } p)
        {
            sections.AddRange(await ConnectionsAsync(new EntityRef("artist", p.Id, p.Name), limit, ct).ConfigureAwait(false));
        }
        else
        {
            const string none = "The track has no credited artist.";
            sections.Add(Empty("collaborators", "Artist connections: collaborators", none));
            sections.Add(Empty("co_listened", "Artist connections: co-listened artists", none));
            sections.Add(Empty("co_library", "Artist connections: co-liked artists", none));
            sections.Add(Empty("shared_label", "Artist connections: shared label", none));
        }

        sections.Add(await EngagementAsync("track", track.Id, ct).ConfigureAwait(false));
        return new UnveilReport(new UnveilSubject("track", track.Id, track.Name, key ?? string.Empty), sections);
    }

    private async Task<IReadOnlyList<UnveilSection>> ConnectionsAsync(EntityRef artist, int limit, CancellationToken ct)
    {
        var of = $" of {artist.Name}";
        if (_lists is null || !_lists.ContainsKey((RelationKind.ArtistCollaboration, artist.Id)))
        {
            await PrefetchAsync(ConnectionKinds, artist.Id, ct).ConfigureAwait(false);
        }

        return
        [
            Retitle(await RelatedAsync("collaborators", "Artist connections: collaborators", RelationKind.ArtistCollaboration, artist.Id, limit, "No co-credited artist.", ct).ConfigureAwait(false), of),
            Retitle(await RelatedAsync("co_listened", "Artist connections: co-listened artists", RelationKind.ArtistCoListen, artist.Id, limit, "No listener of this artist listens to another.", ct).ConfigureAwait(false), of),
            Retitle(await RelatedAsync("co_library", "Artist connections: co-liked artists", RelationKind.ArtistCoLibrary, artist.Id, limit, "No user who liked this artist's tracks liked another artist's.", ct).ConfigureAwait(false), of),
            Retitle(await SharedLabelAsync(artist.Id, limit, ct).ConfigureAwait(false), of),
        ];
    }

    /// <summary>The relation kinds of the artist connections with a stored list (shared label is computed).</summary>
    private static readonly RelationKind[] ConnectionKinds = [RelationKind.ArtistCollaboration, RelationKind.ArtistCoListen, RelationKind.ArtistCoLibrary];

    /// <summary>On SQLite, reads the lists of <paramref name="kinds"/> for <paramref name="id"/> in one statement ahead of
    /// their sections (<see cref="PrefetchListsAsync"/>); nothing on PostgreSQL, whose sections read the views.</summary>
    private async Task PrefetchAsync(RelationKind[] kinds, long id, CancellationToken ct)
    {
        if (!_dialect.IsPostgres)
        {
            await PrefetchListsAsync(kinds, id, ct).ConfigureAwait(false);
        }
    }

    private static UnveilSection Retitle(UnveilSection s, string suffix) => s with { Title = s.Title + suffix };

    private static UnveilSection Empty(string key, string title, string note) => new(key, title, [], [], note);
}
