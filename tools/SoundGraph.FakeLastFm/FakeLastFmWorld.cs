using System.Globalization;

namespace SoundGraph.FakeLastFm;

/// <summary>How <see cref="FakeLastFmWorld.Generate"/> builds a SYNTHETIC world.</summary>
public sealed class FakeLastFmWorldOptions
{
    /// <summary>Scrobbles of <see cref="FakeLastFmWorld.Scrobbler"/> (who is also listening to something now).</summary>
    /// <value>Default 2,000.</value>
    public int Scrobbles { get; init; } = 2_000;

    /// <summary>Scrobbles <see cref="FakeLastFmWorld.Growing"/> starts with.</summary>
    /// <value>Default 500.</value>
    public int GrowingScrobbles { get; init; } = 500;

    /// <summary>New scrobbles <see cref="FakeLastFmWorld.Growing"/> gains with each <c>user.getRecentTracks</c> request,
    /// stamped after the request's arrival second (as if the listener kept listening while a sync runs).</summary>
    /// <value>Default 7.</value>
    public int GrowthPerRequest { get; init; } = 7;

    /// <summary>Distinct tracks the scrobbles are drawn from (track t is by artist t mod 97).</summary>
    /// <value>Default 600; at least 10.</value>
    public int Tracks { get; init; } = 600;

    /// <summary>The newest generated scrobble's time, unix seconds.</summary>
    /// <value>Default 1,700,000,000 (2023-11-14).</value>
    public long NewestUts { get; init; } = 1_700_000_000;

    /// <summary>Seed of the generator (same seed, same world).</summary>
    /// <value>Default 14.</value>
    public int Seed { get; init; } = 14;
}

/// <summary>One scrobble of the world: a time and a track index, or a deliberately broken item.</summary>
/// <param name="Uts">Unix seconds; null: the item has no date (broken).</param>
/// <param name="Track">Track index.</param>
/// <param name="EmptyName">True: the item's name is empty (broken).</param>
public sealed record FakeScrobble(long? Uts, int Track, bool EmptyName = false);

/// <summary>A SYNTHETIC Last.fm world (invented listeners, artists "Synthetic Artist 12", tracks "Synthetic Track 345",
/// tags "synthetic-…"; no real user's data). Users: <see cref="Scrobbler"/> (a long history and a now-playing item),
/// <see cref="Private"/> (hides recent tracks: error 17), <see cref="Growing"/> (gains scrobbles while it is read) and
/// <see cref="Broken"/> (10 items, one without a name and one without a date). Every third track and every even artist
/// carries an MBID.</summary>
public sealed class FakeLastFmWorld
{
    /// <summary>The user with the long history.</summary>
    public const string Scrobbler = "synthetic-scrobbler";

    /// <summary>The user whose recent tracks are private.</summary>
    public const string Private = "synthetic-private";

    /// <summary>The user who gains scrobbles while a sync runs.</summary>
    public const string Growing = "synthetic-growing";

    /// <summary>The user with broken items.</summary>
    public const string Broken = "synthetic-broken";

    private readonly Dictionary<string, List<FakeScrobble>> _histories = new(StringComparer.OrdinalIgnoreCase); // newest first
    private readonly Lock _lock = new();

    private FakeLastFmWorld(int tracks, int growth)
    {
        Tracks = tracks;
        GrowthPerRequest = growth;
    }

    /// <summary>Scrobbles <see cref="Growing"/> gains per request from now on (0 stops the growth).</summary>
    public int GrowthPerRequest { get; set; }

    /// <summary>Distinct tracks.</summary>
    public int Tracks { get; }

    /// <summary>The track <see cref="Scrobbler"/> is playing now (the <c>@attr.nowplaying</c> item of page 1).</summary>
    public int NowPlayingTrack { get; private set; }

    /// <summary>Generates a world.</summary>
    /// <param name="options">Sizes and seed.</param>
    /// <returns>The world.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static FakeLastFmWorld Generate(FakeLastFmWorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Tracks, 10);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Scrobbles);
        ArgumentOutOfRangeException.ThrowIfNegative(options.GrowingScrobbles);
        ArgumentOutOfRangeException.ThrowIfNegative(options.GrowthPerRequest);
        var world = new FakeLastFmWorld(options.Tracks, options.GrowthPerRequest);
        var r = new Random(options.Seed);
        world._histories[Scrobbler] = History(r, options.Scrobbles, options.NewestUts, options.Tracks);
        world._histories[Growing] = History(r, options.GrowingScrobbles, options.NewestUts - 86_400, options.Tracks);
        var broken = History(r, 10, options.NewestUts - 3_600, options.Tracks);
        broken[3] = broken[3] with { EmptyName = true };
        broken[6] = broken[6] with { Uts = null };
        world._histories[Broken] = broken;
        world.NowPlayingTrack = r.Next(options.Tracks);
        return world;
    }

    /// <summary>True for a user the world has (the private one included).</summary>
    /// <param name="user">User name.</param>
    public bool HasUser(string user) => user.Equals(Private, StringComparison.OrdinalIgnoreCase) || _histories.ContainsKey(user);

    /// <summary>Number of scrobbles of <paramref name="user"/> now (broken items included).</summary>
    /// <param name="user">User name.</param>
    public int Count(string user)
    {
        lock (_lock)
        {
            return _histories.TryGetValue(user, out var h) ? h.Count : 0;
        }
    }

    /// <summary>The newest scrobble time of <paramref name="user"/> (unix s), or null.</summary>
    /// <param name="user">User name.</param>
    public long? NewestUts(string user)
    {
        lock (_lock)
        {
            return _histories.TryGetValue(user, out var h) ? h.Select(s => s.Uts).Max() : null;
        }
    }

    /// <summary>Adds <paramref name="count"/> scrobbles to <paramref name="user"/>, one second apart from
    /// <paramref name="firstUts"/> upwards (tests use it to simulate listening between syncs).</summary>
    /// <param name="user">A user with a history.</param>
    /// <param name="count">Scrobbles to add.</param>
    /// <param name="firstUts">Time of the first new scrobble (unix s).</param>
    public void AddScrobbles(string user, int count, long firstUts)
    {
        lock (_lock)
        {
            var history = _histories[user];
            var added = Enumerable.Range(0, count).Select(i => new FakeScrobble(firstUts + i, (int)((firstUts + i) % Tracks))).Reverse();
            history.InsertRange(0, added);
        }
    }

    /// <summary>One page of a user's scrobbles, newest first, between <paramref name="from"/> and <paramref name="to"/>
    /// (both inclusive, unix s). For <see cref="Growing"/> it first adds <see cref="FakeLastFmWorldOptions.GrowthPerRequest"/>
    /// scrobbles stamped after <paramref name="nowUts"/>.</summary>
    /// <param name="user">User name (with a history).</param>
    /// <param name="page">1-based page.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="from">Lower bound or null.</param>
    /// <param name="to">Upper bound or null.</param>
    /// <param name="nowUts">The request's arrival second.</param>
    /// <returns>The page's items, the total in range and the page count.</returns>
    public (IReadOnlyList<FakeScrobble> Items, int Total, int TotalPages) Page(string user, int page, int limit, long? from, long? to, long nowUts)
    {
        lock (_lock)
        {
            var history = _histories[user];
            if (user.Equals(Growing, StringComparison.OrdinalIgnoreCase) && GrowthPerRequest > 0)
            {
                var start = Math.Max(nowUts, history.Count == 0 ? 0 : history[0].Uts ?? 0) + 1;
                AddScrobbles(Growing, GrowthPerRequest, start);
            }

            var inRange = history.Where(s => s.Uts is not { } u || ((from is not { } f || u >= f) && (to is not { } t || u <= t))).ToList();
            var totalPages = (inRange.Count + limit - 1) / limit;
            return (inRange.Skip((page - 1) * limit).Take(limit).ToList(), inRange.Count, totalPages);
        }
    }

    /// <summary>The artist name of track <paramref name="track"/>.</summary>
    public static string ArtistName(int track) => "Synthetic Artist " + (track % 97).ToString(CultureInfo.InvariantCulture);

    /// <summary>The title of track <paramref name="track"/>.</summary>
    public static string TrackName(int track) => "Synthetic Track " + track.ToString(CultureInfo.InvariantCulture);

    /// <summary>The recording MBID of a track (every third), else null.</summary>
    public static string? TrackMbid(int track) => track % 3 == 0 ? Uuid(2, track) : null;

    /// <summary>The MBID of an artist (even ones), else null.</summary>
    public static string? ArtistMbid(int artist) => artist % 2 == 0 ? Uuid(3, artist) : null;

    /// <summary>A track's top tags: none for t mod 10 = 2, one for t mod 10 = 1, else three (the last with count 0).</summary>
    public static IReadOnlyList<(string Name, int Count)> TrackTags(int track) => (track % 10) switch
    {
        2 => [],
        1 => [("synthetic-genre-" + (track % 7).ToString(CultureInfo.InvariantCulture), 100)],
        _ => [("synthetic-genre-" + (track % 7).ToString(CultureInfo.InvariantCulture), 100), ("synthetic-mood-" + (track % 5).ToString(CultureInfo.InvariantCulture), 10 + (track % 90)), ("synthetic-unloved", 0)],
    };

    /// <summary>An artist's top tags: two.</summary>
    public static IReadOnlyList<(string Name, int Count)> ArtistTags(int artist) =>
        [("synthetic-genre-" + (artist % 7).ToString(CultureInfo.InvariantCulture), 100), ("synthetic-era-" + (artist % 4).ToString(CultureInfo.InvariantCulture), 50)];

    /// <summary>The track named (<paramref name="artist"/>, <paramref name="title"/>), or null when the world has none.</summary>
    public int? FindTrack(string? artist, string? title)
    {
        if (title is null || !title.StartsWith("Synthetic Track ", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(title.AsSpan(16), NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t >= Tracks)
        {
            return null;
        }

        return artist is not null && string.Equals(artist, ArtistName(t), StringComparison.OrdinalIgnoreCase) ? t : null;
    }

    /// <summary>The track with recording MBID <paramref name="mbid"/>, or null.</summary>
    public int? FindTrackByMbid(string mbid)
    {
        for (var t = 0; t < Tracks; t += 3)
        {
            if (string.Equals(Uuid(2, t), mbid, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The artist named <paramref name="name"/> or with MBID <paramref name="mbid"/>, or null.</summary>
    public static int? FindArtist(string? name, string? mbid)
    {
        for (var a = 0; a < 97; a++)
        {
            if ((mbid is not null && string.Equals(ArtistMbid(a), mbid, StringComparison.OrdinalIgnoreCase))
                || (mbid is null && string.Equals(name, "Synthetic Artist " + a.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase)))
            {
                return a;
            }
        }

        return null;
    }

    private static List<FakeScrobble> History(Random r, int count, long newest, int tracks)
    {
        var list = new List<FakeScrobble>(count);
        var uts = newest;
        for (var i = 0; i < count; i++)
        {
            list.Add(new FakeScrobble(uts, r.Next(tracks)));
            uts -= r.Next(30, 400);
        }

        return list;
    }

    private static string Uuid(int kind, int n) => $"{kind:x8}-5e5e-4000-8000-{n:x12}";
}
