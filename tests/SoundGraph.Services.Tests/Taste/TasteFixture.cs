using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Services.Tests.Taste;

/// <summary>
/// Two listeners with hand-worked weeks (also linked into the Cli tests). Tracks, all by "Artist A", with stored axes:
/// <list type="bullet">
/// <item>One (240 s): energy 0.8 (spotify), valence 0.6 (spotify), tempo 120 BPM (local-audio, confidence 0.45);</item>
/// <item>Two (180 s): energy 0.2, valence 0.4 (tags, 0.62), tempo 90 (graph, 0.7);</item>
/// <item>Three (200 s): no axes;</item>
/// <item>Four (60 s): energy 0.5, valence 0.9, tempo 180 (artist, 0.3).</item>
/// </list>
/// ann's listens (end times UTC; ISO 2024-W01 starts Monday 1 January):
/// <list type="number">
/// <item>2024-01-02 10:00 One, 240 s → W01, 4 min;</item>
/// <item>2024-01-03 10:00 Two, 120 s → W01, 2 min;</item>
/// <item>2024-01-03 10:05 Two, 10 s: a skip (under 30 s and under half of 180 s), not counted;</item>
/// <item>2024-01-10 12:00 One, 300 s → W02, capped at the track's 4 min;</item>
/// <item>2024-01-11 12:00 Three, 60 s → W02, 1 min without axes;</item>
/// <item>2024-01-14 23:30 Two, 180 s → Sunday, W02 in UTC; Monday 00:30 in Europe/Berlin, W03 there; 3 min;</item>
/// <item>2024-01-24 09:00 Two, 90 s → W04, 1.5 min (exactly half the track);</item>
/// <item>2024-01-25 09:00 Four, 60 s → W04, 1 min.</item>
/// </list>
/// bob: 2024-01-09 08:00 One, 240 s (W02); 2024-01-17 08:00 Two, 180 s (W03). carl is a user without listens.
/// </summary>
internal static class TasteFixture
{
    public static readonly DateTimeOffset AxesAt = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Names = ["One", "Two", "Three", "Four"];

    public static string TrackKey(string name) => "test:track:" + name.ToLowerInvariant();

    public static string UserKey(string name) => "test:user:" + name;

    public static ListenRecord Listen(string user, string track, string utc, long ms) =>
        new(UserKey(user), TrackKey(track), DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), ms, "test");

    /// <summary>ann's listens, in the order above.</summary>
    public static ListenRecord[] AnnListens { get; } =
    [
        Listen("ann", "One", "2024-01-02T10:00:00Z", 240_000),
        Listen("ann", "Two", "2024-01-03T10:00:00Z", 120_000),
        Listen("ann", "Two", "2024-01-03T10:05:00Z", 10_000),
        Listen("ann", "One", "2024-01-10T12:00:00Z", 300_000),
        Listen("ann", "Three", "2024-01-11T12:00:00Z", 60_000),
        Listen("ann", "Two", "2024-01-14T23:30:00Z", 180_000),
        Listen("ann", "Two", "2024-01-24T09:00:00Z", 90_000),
        Listen("ann", "Four", "2024-01-25T09:00:00Z", 60_000),
    ];

    /// <summary>Writes the catalog, the listens and the track axes; returns the ids.</summary>
    public static async Task<Ids> WriteAsync(SoundGraphStore store)
    {
        var b = new CatalogBatch();
        b.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName("Artist A"), "Artist A"));
        b.Users.AddRange([new UserRecord(UserKey("ann"), "ann"), new UserRecord(UserKey("bob"), "bob"), new UserRecord(UserKey("carl"), "carl")]);
        long[] durations = [240_000, 180_000, 200_000, 60_000];
        for (var i = 0; i < Names.Length; i++)
        {
            b.Tracks.Add(new TrackRecord(TrackKey(Names[i]), Names[i], "Artist A", DurationMs: durations[i]));
            b.Credits.Add(new CreditRecord(TrackKey(Names[i]), EntityKeys.ArtistByName("Artist A"), CreditRole.Primary, 0));
        }

        b.Listens.AddRange(AnnListens);
        b.Listens.AddRange([Listen("bob", "One", "2024-01-09T08:00:00Z", 240_000), Listen("bob", "Two", "2024-01-17T08:00:00Z", 180_000)]);
        await store.Catalog.WriteAsync(b);

        var tracks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            tracks[name] = (await store.Identifiers.TrackIdByKeyAsync(TrackKey(name)))!.Value;
        }

        await store.Taste.ReplaceTrackAxesAsync(
        [
            new(tracks["One"], "energy", 0.8, "spotify", 1), new(tracks["One"], "valence", 0.6, "spotify", 1), new(tracks["One"], "tempo", 120, "local-audio", 0.45),
            new(tracks["Two"], "energy", 0.2, "tags", 0.62), new(tracks["Two"], "valence", 0.4, "tags", 0.62), new(tracks["Two"], "tempo", 90, "graph", 0.7),
            new(tracks["Four"], "energy", 0.5, "artist", 0.3), new(tracks["Four"], "valence", 0.9, "artist", 0.3), new(tracks["Four"], "tempo", 180, "artist", 0.3),
        ], AxesAt);

        var users = (await store.Taste.ListenersAsync()).ToDictionary(u => u.Name, u => u.Id, StringComparer.Ordinal);
        return new Ids(tracks, users["ann"], users["bob"]);
    }

    /// <summary>Adds one listen (a new batch, so it gets the highest listens.id).</summary>
    public static Task AddListenAsync(SoundGraphStore store, ListenRecord listen)
    {
        var b = new CatalogBatch();
        b.Listens.Add(listen);
        return store.Catalog.WriteAsync(b);
    }

    public sealed record Ids(IReadOnlyDictionary<string, long> Tracks, long Ann, long Bob);
}
