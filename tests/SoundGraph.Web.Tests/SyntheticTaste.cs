using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Web.Tests;

/// <summary>A SYNTHETIC listener written into the demo store for the taste dashboard's browser tests: the demo data has
/// no listening history, so this invents one. Nothing here is real listening data.</summary>
/// <remarks>
/// Nine made-up tracks by "Synthetic Taste Band", their mood axes written straight into <c>track_axes</c> (no scoring
/// run; the demo's own axes, if any, are kept): four calm ones (low energy), four energetic ones (high energy) and one
/// far-off track (very fast, dark). The listener <see cref="ListenerName"/> plays, every week for
/// <see cref="Weeks"/> weeks from Monday 2024-01-01 (UTC), each of the four calm tracks (weeks 0–9) or the four energetic
/// ones (weeks 10–15) a few times, 3 minutes a play; in the last week also the far-off track once. The energy jump at
/// week 10 is what the change-point detector should find. Then the listener is aggregated (<see cref="TasteAggregation"/>).
/// </remarks>
internal static class SyntheticTaste
{
    public const string ListenerName = "synthetic-taste";

    public const string ListenerKey = "synthetic:user:taste";

    public const int Weeks = 16;

    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>(title, energy, valence, danceability, tempo BPM).</summary>
    public static readonly IReadOnlyList<(string Title, double Energy, double Valence, double Danceability, double Tempo)> Tracks =
    [
        ("Synthetic Calm 1", 0.15, 0.70, 0.30, 72),
        ("Synthetic Calm 2", 0.22, 0.55, 0.35, 80),
        ("Synthetic Calm 3", 0.28, 0.25, 0.25, 66),
        ("Synthetic Calm 4", 0.35, 0.80, 0.45, 90),
        ("Synthetic Drive 1", 0.80, 0.75, 0.80, 124),
        ("Synthetic Drive 2", 0.88, 0.30, 0.70, 138),
        ("Synthetic Drive 3", 0.92, 0.60, 0.85, 128),
        ("Synthetic Drive 4", 0.75, 0.20, 0.65, 150),
        ("Synthetic Far Off", 0.98, 0.02, 0.10, 200),
    ];

    private static async Task<long> IdAsync(SoundGraphStore store, string table, string key)
    {
        await using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT id FROM {table} WHERE key = @key";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Key(string title) => "synthetic:track:" + title.ToLowerInvariant().Replace(' ', '-');

    /// <summary>Writes the listener, tracks, axes and plays into the store at <paramref name="db"/> and aggregates the
    /// listener; returns the listener's users.id.</summary>
    public static async Task<long> WriteAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        var batch = new CatalogBatch();
        var artist = EntityKeys.ArtistByName("Synthetic Taste Band");
        batch.Artists.Add(new ArtistRecord(artist, "Synthetic Taste Band"));
        foreach (var t in Tracks)
        {
            batch.Tracks.Add(new TrackRecord(Key(t.Title), t.Title, "Synthetic Taste Band", null, 200_000));
            batch.Credits.Add(new CreditRecord(Key(t.Title), artist, CreditRole.Primary, 0));
        }

        batch.Users.Add(new UserRecord(ListenerKey, ListenerName));
        for (var week = 0; week < Weeks; week++)
        {
            var first = week < 10 ? 0 : 4;
            for (var i = 0; i < 4; i++)
            {
                // 1–3 plays a track and week, varying so the weeks differ a little.
                var plays = 1 + ((week + i) % 3);
                for (var p = 0; p < plays; p++)
                {
                    batch.Listens.Add(new ListenRecord(ListenerKey, Key(Tracks[first + i].Title), Start.AddDays((7 * week) + i).AddHours(9 + p), 180_000, "synthetic"));
                }
            }
        }

        batch.Listens.Add(new ListenRecord(ListenerKey, Key(Tracks[8].Title), Start.AddDays((7 * (Weeks - 1)) + 5).AddHours(20), 180_000, "synthetic"));
        await store.Catalog.WriteAsync(batch);

        var ids = new Dictionary<string, long>();
        foreach (var t in Tracks)
        {
            ids[t.Title] = await IdAsync(store, "tracks", Key(t.Title));
        }

        var axes = (await store.Taste.TrackAxesAsync()).ToList();
        foreach (var t in Tracks)
        {
            axes.Add(new TrackAxisRow(ids[t.Title], "energy", t.Energy, "synthetic", 1));
            axes.Add(new TrackAxisRow(ids[t.Title], "valence", t.Valence, "synthetic", 1));
            axes.Add(new TrackAxisRow(ids[t.Title], "danceability", t.Danceability, "synthetic", 1));
            axes.Add(new TrackAxisRow(ids[t.Title], "tempo", t.Tempo, "synthetic", 1));
        }

        await store.Taste.ReplaceTrackAxesAsync(axes, DateTimeOffset.UtcNow.AddMinutes(-1));
        var user = await IdAsync(store, "users", ListenerKey);
        await TasteAggregation.RunAsync(store, user);
        return user;
    }

    /// <summary>The SYNTHETIC mixtape listener: <see cref="ListenerName"/>'s nine tracks by one band last 30 minutes
    /// together and a mixtape takes at most two tracks an artist, so no week of theirs makes a mix; this second listener
    /// has enough.</summary>
    public const string MixtapeListenerName = "synthetic-mixtape";

    public const string MixtapeListenerKey = "synthetic:user:mixtape";

    /// <summary>Tracks of the mixtape listener: <see cref="MixTrackCount"/> of <see cref="MixTrackMs"/> (4 min), two each by
    /// "Synthetic Mix Artist A" … "L".</summary>
    public const int MixTrackCount = 24;

    public const long MixTrackMs = 240_000;

    /// <summary>The mixtape listener's weeks: 2024-W01 plays five tracks once (20 min: too little for a mix), 2024-W02 every
    /// one of the <see cref="MixTrackCount"/> once, in full (96 min).</summary>
    public static readonly string[] MixWeeks = ["2024-W01", "2024-W02"];

    private static string MixTitle(int i) => $"Synthetic Mix {i + 1:D2}";

    private static string MixArtist(int i) => $"Synthetic Mix Artist {(char)('A' + (i / 2))}";

    /// <summary>Writes <see cref="MixtapeListenerName"/> (another SYNTHETIC listener, kept apart from
    /// <see cref="ListenerName"/> so its expectations stay), its tracks with mood axes and its plays, and aggregates it;
    /// returns its users.id.</summary>
    public static async Task<long> WriteMixtapeListenerAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        var batch = new CatalogBatch();
        for (var i = 0; i < MixTrackCount; i++)
        {
            var artist = EntityKeys.ArtistByName(MixArtist(i));
            if (i % 2 == 0)
            {
                batch.Artists.Add(new ArtistRecord(artist, MixArtist(i)));
            }

            batch.Tracks.Add(new TrackRecord(Key(MixTitle(i)), MixTitle(i), MixArtist(i), null, MixTrackMs));
            batch.Credits.Add(new CreditRecord(Key(MixTitle(i)), artist, CreditRole.Primary, 0));
        }

        batch.Users.Add(new UserRecord(MixtapeListenerKey, MixtapeListenerName));
        for (var i = 0; i < 5; i++)
        {
            batch.Listens.Add(new ListenRecord(MixtapeListenerKey, Key(MixTitle(i)), Start.AddDays(i).AddHours(12), MixTrackMs, "synthetic"));
        }

        for (var i = 0; i < MixTrackCount; i++)
        {
            batch.Listens.Add(new ListenRecord(MixtapeListenerKey, Key(MixTitle(i)), Start.AddDays(7 + (i % 7)).AddHours(8 + (i / 7)), MixTrackMs, "synthetic"));
        }

        await store.Catalog.WriteAsync(batch);
        var axes = (await store.Taste.TrackAxesAsync()).ToList();
        for (var i = 0; i < MixTrackCount; i++)
        {
            var id = await IdAsync(store, "tracks", Key(MixTitle(i)));
            axes.Add(new TrackAxisRow(id, "energy", 0.40 + (0.015 * i), "synthetic", 1));
            axes.Add(new TrackAxisRow(id, "valence", 0.65 - (0.01 * i), "synthetic", 1));
            axes.Add(new TrackAxisRow(id, "danceability", 0.50 + (0.01 * (i % 6)), "synthetic", 1));
            axes.Add(new TrackAxisRow(id, "tempo", 110 + i, "synthetic", 1));
        }

        await store.Taste.ReplaceTrackAxesAsync(axes, DateTimeOffset.UtcNow.AddMinutes(-1));
        var user = await IdAsync(store, "users", MixtapeListenerKey);
        await TasteAggregation.RunAsync(store, user);
        return user;
    }
}
