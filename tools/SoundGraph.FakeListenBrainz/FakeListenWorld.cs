using System.Text.Json.Nodes;

namespace SoundGraph.FakeListenBrainz;

/// <summary>How <see cref="FakeListenWorld.Generate"/> builds a SYNTHETIC listening history.</summary>
public sealed class FakeListenWorldOptions
{
    /// <summary>The user whose listens are generated.</summary>
    /// <value>Default "synthetic-listener".</value>
    public string UserName { get; init; } = "synthetic-listener";

    /// <summary>Listens to generate.</summary>
    /// <value>Default 25,000; at least 2.</value>
    public int Listens { get; init; } = 25_000;

    /// <summary>Pairs of listens (two different tracks) that share one <c>listened_at</c> second, boundary pairs included.</summary>
    /// <value>Default 300; at most a tenth of <see cref="Listens"/>.</value>
    public int SameSecondPairs { get; init; } = 300;

    /// <summary>How many of <see cref="SameSecondPairs"/> straddle a page cut of a backward walk (newest first, <c>max_ts = oldest + 1</c>)
    /// with pages of <see cref="BoundaryPageSize"/> listens: the cut's last listen and the next page's first share a second.</summary>
    /// <value>Default 40.</value>
    public int BoundaryPairs { get; init; } = 40;

    /// <summary>The page size whose cuts <see cref="BoundaryPairs"/> fall on.</summary>
    /// <value>Default 500 listens (25,000 listens at 1,000 per page have only 25 cuts).</value>
    public int BoundaryPageSize { get; init; } = 500;

    /// <summary>Distinct tracks the listens are drawn from.</summary>
    /// <value>Default 2,000; at least 2.</value>
    public int Tracks { get; init; } = 2_000;

    /// <summary>The newest listen's time, unix seconds.</summary>
    /// <value>Default 1,700,000,000 (2023-11-14).</value>
    public long NewestTs { get; init; } = 1_700_000_000;

    /// <summary>Seed of the generator (same seed, same world).</summary>
    /// <value>Default 14.</value>
    public int Seed { get; init; } = 14;
}

/// <summary>A SYNTHETIC ListenBrainz listening history (invented artists and tracks, no real user data): one user's
/// listens, newest first, in the JSON shape of <c>GET /1/user/{user}/listens</c>. Every listen has a distinct
/// (<c>listened_at</c>, <c>recording_msid</c>); some seconds hold two listens of different tracks, some of them exactly at
/// a page cut; a third of the tracks carry an <c>mbid_mapping</c> with a recording MBID and one or two artists.</summary>
public sealed class FakeListenWorld
{
    private readonly List<(long Ts, int Track)> _listens = []; // newest first
    private readonly Random _random;
    private readonly int _trackCount;
    private readonly Lock _lock = new();

    private FakeListenWorld(string userName, int tracks, int seed)
    {
        UserName = userName;
        _trackCount = tracks;
        _random = new Random(seed);
    }

    /// <summary>The user whose listens these are.</summary>
    public string UserName { get; }

    /// <summary>Number of listens.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _listens.Count;
            }
        }
    }

    /// <summary>Seconds that hold two listens.</summary>
    public int SameSecondPairs { get; private set; }

    /// <summary>Those of <see cref="SameSecondPairs"/> that straddle a page cut.</summary>
    public int BoundaryPairs { get; private set; }

    /// <summary>Generates a world.</summary>
    /// <param name="options">Sizes and seed.</param>
    /// <returns>The world.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static FakeListenWorld Generate(FakeListenWorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Listens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Tracks, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.SameSecondPairs, options.Listens / 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BoundaryPairs, options.SameSecondPairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BoundaryPageSize, 3);
        var world = new FakeListenWorld(options.UserName, options.Tracks, options.Seed);
        var r = world._random;

        // A backward walk's pages start at the previous page's oldest listen (max_ts = oldest + 1), so the cuts are at
        // indexes (k + 1)·(S − 1) of the newest-first list.
        var cuts = new HashSet<int>();
        for (var k = 0; cuts.Count < options.BoundaryPairs; k++)
        {
            var c = (k + 1) * (options.BoundaryPageSize - 1);
            if (c + 1 >= options.Listens)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Too few listens for that many boundary pairs.");
            }

            cuts.Add(c);
        }

        var pairAt = new HashSet<int>(cuts);
        while (pairAt.Count < options.SameSecondPairs)
        {
            var i = r.Next(1, options.Listens - 2);
            if (!pairAt.Contains(i - 1) && !pairAt.Contains(i) && !pairAt.Contains(i + 1) && !cuts.Contains(i - 1) && !cuts.Contains(i + 1) && !IsCut(i, options.BoundaryPageSize))
            {
                pairAt.Add(i);
            }
        }

        var ts = options.NewestTs;
        var previousTrack = -1;
        for (var i = 0; i < options.Listens; i++)
        {
            var sharesSecond = i > 0 && pairAt.Contains(i - 1);
            if (i > 0 && !sharesSecond)
            {
                ts -= r.Next(30, 400);
            }

            var track = r.Next(options.Tracks);
            if (sharesSecond && track == previousTrack)
            {
                track = (track + 1) % options.Tracks; // a second's two listens are different tracks (distinct msids)
            }

            world._listens.Add((ts, track));
            previousTrack = track;
        }

        world.SameSecondPairs = pairAt.Count;
        world.BoundaryPairs = cuts.Count;
        return world;
    }

    /// <summary>Adds <paramref name="count"/> newer listens; the first shares the newest existing listen's second (another track).</summary>
    /// <param name="count">Listens to add; at least 1.</param>
    public void AddNewer(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_lock)
        {
            var (ts, lastTrack) = _listens[0];
            var added = new List<(long, int)>();
            var track = (lastTrack + 1) % _trackCount;
            added.Add((ts, track));
            for (var i = 1; i < count; i++)
            {
                ts += _random.Next(30, 400);
                added.Add((ts, _random.Next(_trackCount)));
            }

            added.Reverse();
            _listens.InsertRange(0, added);
            SameSecondPairs++;
        }
    }

    /// <summary>The newest listen's <c>listened_at</c>, unix seconds; null when empty.</summary>
    public long? LatestTs
    {
        get
        {
            lock (_lock)
            {
                return _listens.Count == 0 ? null : _listens[0].Ts;
            }
        }
    }

    /// <summary>The listens as the API pages them: <c>max_ts</c>/<c>min_ts</c> exclusive; with only <c>min_ts</c> the
    /// <paramref name="count"/> listens just above it, else the newest <paramref name="count"/> below <c>max_ts</c>; newest first.</summary>
    /// <param name="maxTs">Exclusive upper bound (unix s), or null.</param>
    /// <param name="minTs">Exclusive lower bound (unix s), or null.</param>
    /// <param name="count">Most listens to return.</param>
    /// <returns>The listens' JSON objects, newest first.</returns>
    public IReadOnlyList<JsonObject> Page(long? maxTs, long? minTs, int count)
    {
        List<(long Ts, int Track)> selected;
        lock (_lock)
        {
            var inRange = _listens.Where(l => (maxTs is not { } max || l.Ts < max) && (minTs is not { } min || l.Ts > min));
            selected = minTs is not null && maxTs is null
                ? inRange.Reverse().Take(count).Reverse().ToList()
                : inRange.Take(count).ToList();
        }

        return selected.Select(l => Json(l.Ts, l.Track)).ToList();
    }

    /// <summary>The SYNTHETIC recording tags of a mapped track's recording MBID (<c>00000002-5e5e-4000-8000-&lt;track&gt;</c>,
    /// tracks whose number is a multiple of 3): "synthetic genre &lt;track mod 7&gt;" with count track mod 5 + 1, and
    /// "synthetic mood &lt;track mod 4&gt;" with count 1; tracks whose number is a multiple of 10 have no tags. Null for a
    /// recording the world does not hold.</summary>
    /// <param name="mbid">A recording MBID.</param>
    /// <returns>(tag, count) pairs, or null.</returns>
    public IReadOnlyList<(string Tag, int Count)>? RecordingTags(Guid mbid)
    {
        var text = mbid.ToString("D");
        if (!text.StartsWith("00000002-5e5e-4000-8000-", StringComparison.Ordinal)
            || !long.TryParse(text[24..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || n >= _trackCount || n % 3 != 0)
        {
            return null;
        }

        var track = (int)n;
        return track % 10 == 0 ? [] : [($"synthetic genre {track % 7}", track % 5 + 1), ($"synthetic mood {track % 4}", 1)];
    }

    private static bool IsCut(int i, int pageSize) => i > 0 && i % (pageSize - 1) == 0;

    private JsonObject Json(long ts, int track)
    {
        var artist = track % 97;
        var msid = Uuid(1, track);
        var info = new JsonObject
        {
            ["recording_msid"] = msid,
            ["duration_ms"] = 120_000 + (track * 7919 % 240_000),
            ["submission_client"] = "synthetic-fake",
            ["music_service"] = "synthetic.example",
        };
        var meta = new JsonObject
        {
            ["artist_name"] = $"Synthetic Artist {artist}",
            ["track_name"] = $"Synthetic Track {track}",
            ["release_name"] = $"Synthetic Release {track / 10}",
            ["additional_info"] = info,
        };
        if (track % 3 == 0)
        {
            var artists = new JsonArray(new JsonObject { ["artist_mbid"] = Uuid(3, artist), ["artist_credit_name"] = $"Synthetic Artist {artist}", ["join_phrase"] = track % 2 == 0 ? " feat. " : string.Empty });
            if (track % 2 == 0)
            {
                var guest = (artist + 1) % 97;
                artists.Add(new JsonObject { ["artist_mbid"] = Uuid(3, guest), ["artist_credit_name"] = $"Synthetic Artist {guest}", ["join_phrase"] = string.Empty });
            }

            meta["mbid_mapping"] = new JsonObject { ["recording_mbid"] = Uuid(2, track), ["artists"] = artists };
        }

        return new JsonObject
        {
            ["listened_at"] = ts,
            ["recording_msid"] = msid,
            ["user_name"] = UserName,
            ["track_metadata"] = meta,
        };
    }

    private static string Uuid(int kind, int n) => $"{kind:x8}-5e5e-4000-8000-{n:x12}";
}
