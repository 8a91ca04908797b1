using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Cli.Jobs;

/// <summary>A playlist file format of <c>sgr mixtape --out</c>.</summary>
public enum PlaylistFormat
{
    /// <summary>JSPF (.jspf, .json): JSON XSPF as ListenBrainz reads it.</summary>
    Jspf,

    /// <summary>XSPF (.xspf).</summary>
    Xspf,

    /// <summary>Extended M3U in UTF-8 (.m3u8, .m3u).</summary>
    M3u8,
}

/// <summary><c>sgr mixtape</c>: builds the mixtape through <see cref="MixtapeService"/> and prints the tracklist with the
/// explanations, writes the playlist file, creates it on ListenBrainz (<see cref="MixtapePublisher"/>), or all as JSON.</summary>
public static class MixtapeJob
{
    /// <summary>The format of <paramref name="path"/>'s extension (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Another extension.</exception>
    public static PlaylistFormat FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".JSPF" or ".JSON" => PlaylistFormat.Jspf,
        ".XSPF" => PlaylistFormat.Xspf,
        ".M3U8" or ".M3U" => PlaylistFormat.M3u8,
        var other => throw new ArgumentException($"--out '{path}': unknown playlist format '{other}'; use .jspf (ListenBrainz), .xspf or .m3u8."),
    };

    /// <summary>Builds and prints (or writes) the mixtape; with <paramref name="listenBrainz"/>, creates it there too.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the listener is ambiguous or unknown.</returns>
    /// <exception cref="ListenBrainzException">ListenBrainz refused the playlist (the file, if any, is written first).</exception>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, string user, MixtapePeriod period, MixtapeOptions options,
        string? zone, string? output, PlaylistFormat? format, ListenBrainzOptions? listenBrainz, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await TasteJobs.ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        var result = await MixtapeService.BuildAsync(store, listener.Id, period, options, zone, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (output is not null && format is { } f)
        {
            var playlist = result.ToPlaylist(MixtapePublisher.Title(listener.Name, period), DateTimeOffset.UtcNow);
            var text = f switch
            {
                PlaylistFormat.Jspf => JspfWriter.Write(playlist),
                PlaylistFormat.Xspf => XspfWriter.Write(playlist),
                _ => M3u8Writer.Write(playlist),
            };
            await File.WriteAllTextAsync(output, text, ct).ConfigureAwait(false);
        }

        MixtapePublication? published = null;
        if (listenBrainz is not null)
        {
            using var http = ApiHttp.Create();
            using var client = new ListenBrainzClient(http, listenBrainz);
            published = await MixtapePublisher.PublishAsync(result, MixtapePublisher.Title(listener.Name, period), client, ct: ct).ConfigureAwait(false);
        }

        if (json)
        {
            w.WriteLine(ReportJson.Serialize(Json(listener.Name, result, output, published)));
            return 0;
        }

        if (output is not null || published is not null)
        {
            if (output is not null)
            {
                w.WriteLine(Written(result, output, format!.Value));
            }

            if (published is not null)
            {
                w.WriteLine(Published(published));
            }

            return 0;
        }

        MixtapeRenderer.Render(w, listener.Name, result);
        return 0;
    }

    private static string Written(MixtapeResult result, string output, PlaylistFormat format)
    {
        var entries = result.Mixtape.Tracks.Select(t => result.Entries[t.Pick.Candidate.TrackId]).ToList();
        var mbids = entries.Count(e => e.Mbid is not null);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Wrote {entries.Count} tracks ({result.Mixtape.TotalMinutes:0.0} min) to {output} as {format.ToString().ToUpperInvariant()}: {mbids} with a MusicBrainz recording id, {entries.Count(e => e.SpotifyUri is not null)} with a Spotify URI, {entries.Count(e => e.LocalPath is not null)} local files.");
        return format == PlaylistFormat.Jspf && mbids < entries.Count
            ? line + " ListenBrainz takes only tracks with a recording id (--listenbrainz leaves the others out): run `sgr resolve musicbrainz` first."
            : line;
    }

    /// <summary>"Created on ListenBrainz: https://listenbrainz.org/playlist/… (18 tracks; 1 without a MusicBrainz recording id left out)."</summary>
    private static string Published(MixtapePublication p) =>
        string.Create(CultureInfo.InvariantCulture, $"Created on ListenBrainz: {p.PlaylistUrl} ({p.TracksSent} tracks")
        + (p.TracksLeftOut == 0 ? ")." : string.Create(CultureInfo.InvariantCulture, $"; {p.TracksLeftOut} without a MusicBrainz recording id left out: run `sgr resolve musicbrainz`)."));

    private static object Json(string listener, MixtapeResult r, string? output, MixtapePublication? published)
    {
        var c = r.Mixtape.Cluster;
        return new
        {
            listener,
            period = r.Period.Label,
            from = r.Period.From,
            to = r.Period.To,
            timeZone = r.TimeZone,
            r.Inputs,
            tooLong = r.Mixtape.TooLong,
            totalMinutes = r.Mixtape.TotalMinutes,
            summary = MixtapePlaylist.Summary(r.Mixtape),
            cluster = new { c.K, c.Silhouette, c.SilhouetteByK, tracks = c.MemberTrackIds.Count, c.MedoidTrackId, c.Centre, c.Spread, c.Minutes, c.Share },
            options = new { r.Mixtape.Options.TargetMinutes, r.Mixtape.Options.Lambda, r.Mixtape.Options.DiversityBandwidthRatio, r.Mixtape.Options.MaxPerArtist, r.Mixtape.Options.MaxTrackMinutes },
            pool = r.Mixtape.Pool,
            tracks = r.Mixtape.Tracks.Select(t =>
            {
                var p = t.Pick;
                var e = r.Entries[p.Candidate.TrackId];
                return new
                {
                    t.Position,
                    trackId = p.Candidate.TrackId,
                    e.Title,
                    e.Creator,
                    startS = t.StartS,
                    durationS = p.Candidate.DurationS,
                    durationEstimated = r.EstimatedDurations.Contains(p.Candidate.TrackId),
                    camelot = p.Candidate.Key?.ToString(),
                    tempoBpm = p.Candidate.TempoBpm,
                    energy = p.Candidate.Energy,
                    valence = p.Candidate.Valence,
                    danceability = p.Candidate.Danceability,
                    minutesPlayed = p.Candidate.Weight,
                    p.Rank,
                    p.Relevance,
                    p.Redundancy,
                    p.Score,
                    p.InCluster,
                    p.Explanation,
                    t.KeySteps,
                    t.TempoChangeBpm,
                    t.TransitionCost,
                    e.Mbid,
                    e.SpotifyUri,
                    e.LocalPath,
                };
            }),
            written = output,
            listenBrainz = published is null ? null : new { playlistMbid = published.PlaylistMbid, playlistUrl = published.PlaylistUrl, published.TracksSent, published.TracksLeftOut },
        };
    }
}
