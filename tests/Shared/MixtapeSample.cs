using System.Globalization;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Tests.Shared;

/// <summary>The mixtape fixture: listener "mia" played 24 four-minute tracks in 2021-W07 — 18 upbeat ones by 9 artists
/// (played twice each) and 6 quiet ones (once each) — each with mood axes, an MBID (<see cref="Mbid"/>, unless
/// <c>hasMbid</c> says otherwise), and half with a Spotify key. The upbeat cluster holds 72 minutes, less than the 75-minute
/// target, so the nearest quiet track joins last and the mix is 19 tracks, 76 minutes.</summary>
internal static class MixtapeSample
{
    /// <summary>Track i's recording MBID: 00000000-0000-4000-8000-00000000000i (12 digits).</summary>
    public static string Mbid(int i) => string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i:D12}");

    /// <summary>Track i's key: test:track:01 … test:track:24.</summary>
    public static string Key(int i) => "test:track:" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Monday 2021-02-15 09:00 UTC, the first play's day.</summary>
    public static readonly DateTimeOffset Monday = new(2021, 2, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the catalog, listens and axes; returns the 24 track ids in order.</summary>
    /// <param name="store">An empty store.</param>
    /// <param name="hasMbid">Which tracks (1–24) get an MBID; null: all.</param>
    public static async Task<IReadOnlyList<long>> WriteAsync(SoundGraphStore store, Func<int, bool>? hasMbid = null)
    {
        var batch = new CatalogBatch();
        batch.Users.Add(new UserRecord("test:user:mia", "mia"));
        for (var i = 1; i <= 24; i++)
        {
            var key = Key(i);
            var artist = i <= 18 ? $"Artist {(i + 1) / 2}" : $"Quiet {i}";
            batch.Artists.Add(new ArtistRecord("name:artist:" + artist.ToLowerInvariant(), artist));
            batch.Tracks.Add(new TrackRecord(key, $"Song {i:D2}", artist, null, 240_000));
            batch.Credits.Add(new CreditRecord(key, "name:artist:" + artist.ToLowerInvariant(), CreditRole.Primary, 0));
            if (hasMbid?.Invoke(i) ?? true)
            {
                batch.TrackIdentifiers.Add(new TrackIdentifierRecord(key, "mbid", Mbid(i)));
            }

            if (i % 2 == 0)
            {
                batch.AudioFeatures.Add(new AudioFeaturesRecord(key, "spotify", new AudioFeatures(0.6, 0.7, 0.05, 0.1, 0, 0.1, 0.5, -6, 120, i % 12, i % 4 == 0 ? 1 : 0, 4)));
            }

            for (var play = 0; play < (i <= 18 ? 2 : 1); play++)
            {
                batch.Listens.Add(new ListenRecord("test:user:mia", key, Monday.AddHours(i + 24 * play), 240_000, "test"));
            }
        }

        await store.Catalog.WriteAsync(batch);
        var axes = new List<TrackAxisRow>();
        var ids = new List<long>();
        for (var i = 1; i <= 24; i++)
        {
            var id = (await store.Identifiers.TrackIdByKeyAsync(Key(i)))!.Value;
            ids.Add(id);
            var upbeat = i <= 18;
            var wobble = (i % 5 - 2) * 0.03;
            axes.Add(new TrackAxisRow(id, "energy", (upbeat ? 0.75 : 0.3) + wobble, "spotify", 1));
            axes.Add(new TrackAxisRow(id, "valence", (upbeat ? 0.65 : 0.3) - wobble, "spotify", 1));
            axes.Add(new TrackAxisRow(id, "danceability", (upbeat ? 0.7 : 0.35) + wobble / 2, "spotify", 1));
            axes.Add(new TrackAxisRow(id, "tempo", (upbeat ? 120 : 80) + i % 7 * 2, "spotify", 1));
        }

        await store.Taste.ReplaceTrackAxesAsync(axes, Monday);
        return ids;
    }
}
