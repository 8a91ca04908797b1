using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Storage;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Services.Taste;

/// <summary>A mixtape created as a ListenBrainz playlist (<see cref="MixtapePublisher"/>).</summary>
/// <param name="PlaylistMbid">The playlist's MBID, as ListenBrainz answered it.</param>
/// <param name="PlaylistUrl">Its page: <c>https://listenbrainz.org/playlist/&lt;mbid&gt;</c>.</param>
/// <param name="TracksSent">Tracks in the playlist (those with a MusicBrainz recording MBID).</param>
/// <param name="TracksLeftOut">Tracks of the mixtape left out for lacking one.</param>
public sealed record MixtapePublication(Guid PlaylistMbid, Uri PlaylistUrl, int TracksSent, int TracksLeftOut);

/// <summary>Builds a listener's mixtape (<see cref="MixtapeService"/>) and creates it as a playlist on ListenBrainz
/// (<see cref="ListenBrainzClient.CreatePlaylistAsync"/>) — the one place <c>sgr mixtape --listenbrainz</c> and
/// <c>POST /api/mixtapes</c> with <c>listenbrainz: true</c> do it.</summary>
/// <remarks>The playlist is <see cref="ListenBrainzJspf"/>'s body of the mixtape's playlist: tracks without a recording
/// MBID are left out and counted (<see cref="MixtapePublication.TracksLeftOut"/>); with none at all nothing is sent.
/// The playlist is private unless <c>isPublic</c>.</remarks>
public static class MixtapePublisher
{
    /// <summary>The playlist title both shells use: "mia — 2021-W07".</summary>
    /// <param name="listenerName">The listener's name.</param>
    /// <param name="period">The period.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Title(string listenerName, MixtapePeriod period)
    {
        ArgumentNullException.ThrowIfNull(listenerName);
        ArgumentNullException.ThrowIfNull(period);
        return $"{listenerName} — {period.Label}";
    }

    /// <summary>Creates <paramref name="result"/>'s mixtape on ListenBrainz.</summary>
    /// <param name="result">The built mixtape.</param>
    /// <param name="title">Playlist title (<see cref="Title"/>).</param>
    /// <param name="client">A client with the user's token.</param>
    /// <param name="isPublic">Whether the playlist is public (default private).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The playlist's MBID and URL, and how many tracks were sent and left out.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">No track has a recording MBID, or the client has no token; nothing was sent.</exception>
    /// <exception cref="ListenBrainzException">ListenBrainz refused it (401: token rejected; 400: its message) or could not be reached.</exception>
    public static async Task<MixtapePublication> PublishAsync(MixtapeResult result, string title, ListenBrainzClient client, bool isPublic = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(client);
        var body = ListenBrainzJspf.Build(result.ToPlaylist(title), isPublic);
        var mbid = await client.CreatePlaylistAsync(body.Document, ct).ConfigureAwait(false);
        return new MixtapePublication(mbid, new Uri(ListenBrainzClient.PlaylistUrlPrefix + mbid.ToString("D")), body.Sent, body.LeftOut);
    }

    /// <summary>Builds the mixtape of <paramref name="userId"/> for <paramref name="period"/> and creates it on ListenBrainz.</summary>
    /// <param name="store">The store.</param>
    /// <param name="userId">The listener.</param>
    /// <param name="listenerName">The listener's name, for the title.</param>
    /// <param name="period">The week or range.</param>
    /// <param name="options">Mixtape options; null for the defaults.</param>
    /// <param name="timeZone">IANA zone; null for the listener's stored one, else UTC.</param>
    /// <param name="client">A client with the user's token.</param>
    /// <param name="ct">Cancels the reads and the call.</param>
    /// <returns>The mixtape and its publication.</returns>
    /// <exception cref="MixtapeTooShortException">The period offers less than 60 minutes (nothing was sent).</exception>
    /// <exception cref="InvalidOperationException">No track has a recording MBID, or no token (nothing was sent).</exception>
    /// <exception cref="ListenBrainzException">ListenBrainz refused the playlist or could not be reached.</exception>
    public static async Task<(MixtapeResult Mixtape, MixtapePublication Publication)> BuildAndPublishAsync(
        SoundGraphStore store, long userId, string listenerName, MixtapePeriod period, MixtapeOptions? options, string? timeZone, ListenBrainzClient client, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await MixtapeService.BuildAsync(store, userId, period, options, timeZone, ct).ConfigureAwait(false);
        var publication = await PublishAsync(result, Title(listenerName, period), client, ct: ct).ConfigureAwait(false);
        return (result, publication);
    }
}
