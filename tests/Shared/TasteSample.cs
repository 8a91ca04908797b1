using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Tests.Shared;

/// <summary>A small SYNTHETIC taste store for the taste API, service and CLI tests: seven tracks by one artist with
/// mood axes written straight into <c>track_axes</c> (no scoring run), and listeners whose plays are laid out week by
/// week in UTC from Monday 2024-01-01 (2024-W01).</summary>
/// <remarks>
/// Tracks (energy, valence, tempo BPM; every track lasts 200 s): Sunny (0.8, 0.9, 128) happy, Storm (0.9, 0.2, 140)
/// tense, Rain (0.2, 0.1, 70) sad, Meadow (0.3, 0.8, 90) peaceful, Mid (0.5, 0.5, 110), Dusk (0.6, 0.4, 100) and
/// Silence, which has no axes. Listeners:
/// <list type="bullet">
/// <item><b>ana</b>: 30 weeks; weeks 0–19 three 3-minute plays of Sunny on Monday, a 2-minute Rain on Tuesday, a 1-minute
/// Silence on Wednesday; weeks 20–29 the same with Storm for Sunny and Meadow for Rain; one 3-minute Mid in week 29.</item>
/// <item><b>ben</b>, <b>noa</b>: ana's first four weeks (ben is aggregated by the job tests, noa never).</item>
/// <item><b>sam</b> twice: a listener with ana's first week, and a playlist owner without listens (same name).</item>
/// <item><b>kim</b> twice, both listeners (an ambiguous name).</item>
/// <item><b>lea</b>: week 0 one 3-minute play of each of Sunny, Storm, Rain, Meadow, Mid; week 1 one of Dusk only.</item>
/// </list>
/// </remarks>
internal static class TasteSample
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const long DurationMs = 200_000;

    /// <summary>(key, title, energy, valence, tempo); null axes for Silence.</summary>
    public static readonly IReadOnlyList<(string Key, string Title, double? Energy, double? Valence, double? Tempo)> Tracks =
    [
        ("spotify:track:sunny", "Sunny", 0.8, 0.9, 128),
        ("spotify:track:storm", "Storm", 0.9, 0.2, 140),
        ("spotify:track:rain", "Rain", 0.2, 0.1, 70),
        ("spotify:track:meadow", "Meadow", 0.3, 0.8, 90),
        ("spotify:track:mid", "Mid", 0.5, 0.5, 110),
        ("spotify:track:dusk", "Dusk", 0.6, 0.4, 100),
        ("spotify:track:silence", "Silence", null, null, null),
    ];

    /// <summary>Writes the sample into the store at <paramref name="db"/> (created and migrated) and returns it open.</summary>
    public static async Task<SoundGraphStore> BuildAsync(string db)
    {
        var store = await SoundGraphStore.OpenAsync(db);
        await store.Catalog.WriteAsync(Batch());
        var ids = (await store.Connection.QueryAsync<(long Id, string Key)>("SELECT id, key FROM tracks")).ToDictionary(r => r.Key, r => r.Id);
        var rows = new List<TrackAxisRow>();
        foreach (var (key, _, energy, valence, tempo) in Tracks)
        {
            if (energy is { } e)
            {
                rows.Add(new TrackAxisRow(ids[key], "energy", e, "spotify", 1));
                rows.Add(new TrackAxisRow(ids[key], "valence", valence!.Value, "spotify", 1));
                rows.Add(new TrackAxisRow(ids[key], "tempo", tempo!.Value, "spotify", 1));
            }
        }

        await store.Taste.ReplaceTrackAxesAsync(rows, Start);
        return store;
    }

    /// <summary>users.id of the user with <paramref name="key"/>.</summary>
    public static Task<long> UserIdAsync(SoundGraphStore store, string key) =>
        store.Connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE key = @key", new { key });

    /// <summary>tracks.id of <paramref name="title"/>.</summary>
    public static Task<long> TrackIdAsync(SoundGraphStore store, string title) =>
        store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE title = @title", new { title });

    public static CatalogBatch Batch()
    {
        var b = new CatalogBatch();
        var artist = EntityKeys.ArtistByName("Taste Band");
        b.Artists.Add(new ArtistRecord(artist, "Taste Band"));
        foreach (var (key, title, _, _, _) in Tracks)
        {
            b.Tracks.Add(new TrackRecord(key, title, "Taste Band", null, DurationMs));
            b.Credits.Add(new CreditRecord(key, artist, CreditRole.Primary, 0));
        }

        b.Users.AddRange(
        [
            new UserRecord("test:user:ana", "ana"), new UserRecord("test:user:ben", "ben"), new UserRecord("test:user:noa", "noa"),
            new UserRecord("test:user:sam", "sam"), new UserRecord("test:user:sam-owner", "sam"),
            new UserRecord("test:user:kim1", "kim"), new UserRecord("test:user:kim2", "kim"), new UserRecord("test:user:lea", "lea"),
        ]);
        b.Playlists.Add(new PlaylistRecord("test:playlist:sam", "Sam's", "test:user:sam-owner"));
        b.PlaylistEntries.Add(new PlaylistEntryRecord("test:playlist:sam", 0, "spotify:track:sunny"));
        b.Listens.AddRange(Weeks("test:user:ana", 30));
        b.Listens.Add(Play("test:user:ana", "spotify:track:mid", 29, 4, 180_000));
        b.Listens.AddRange(Weeks("test:user:ben", 4));
        b.Listens.AddRange(Weeks("test:user:noa", 4));
        b.Listens.AddRange(Weeks("test:user:sam", 1));
        b.Listens.AddRange(Weeks("test:user:kim1", 1));
        b.Listens.AddRange(Weeks("test:user:kim2", 1));
        var hour = 0;
        foreach (var track in new[] { "sunny", "storm", "rain", "meadow", "mid" })
        {
            b.Listens.Add(Play("test:user:lea", "spotify:track:" + track, 0, 0, 180_000, hour++));
        }

        b.Listens.Add(Play("test:user:lea", "spotify:track:dusk", 1, 0, 180_000));
        return b;
    }

    /// <summary>ana's pattern for <paramref name="weeks"/> weeks (see the class remarks).</summary>
    private static IEnumerable<ListenRecord> Weeks(string user, int weeks)
    {
        for (var w = 0; w < weeks; w++)
        {
            var (main, second) = w < 20 ? ("sunny", "rain") : ("storm", "meadow");
            for (var i = 0; i < 3; i++)
            {
                yield return Play(user, "spotify:track:" + main, w, 0, 180_000, 10 + i);
            }

            yield return Play(user, "spotify:track:" + second, w, 1, 120_000);
            yield return Play(user, "spotify:track:silence", w, 2, 60_000);
        }
    }

    private static ListenRecord Play(string user, string track, int week, int day, long ms, int hour = 10) =>
        new(user, track, Start.AddDays((7 * week) + day).AddHours(hour), ms, "test");
}
