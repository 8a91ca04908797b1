namespace SoundGraph.FakeSoundCloud.World;

/// <summary>Builds a <see cref="FakeWorld"/> from one seeded <see cref="Random"/>. Every step walks users, tracks
/// and likes in a fixed order (ids ascending, lists in insertion order, sorts with a full tie-break), so the same
/// <see cref="WorldOptions"/> give the same world on every run and platform.</summary>
/// <remarks>Shapes (tuned for the default 3000 users): tracks per user 33 % none, 20 % one, 10 % two, the rest
/// Pareto(x_min 5, α 1) capped at 300 (≈ 10 per user, a few dozen users with 100+); likes per user 15 % none, the rest
/// Pareto(x_min 3, α 1) capped at 1000, each like drawn 60 % from a Zipf(s 0.8) popularity over shuffled public tracks
/// and 40 % uniformly; 7 % of likes also repost, 10 % also comment; 30 % of users own playlists.</remarks>
internal sealed partial class FakeWorldGenerator
{
    private const double ZipfExponent = 0.8;
    private const double ZipfShare = 0.6;

    private readonly Random rng;
    private readonly WorldOptions options;
    private readonly DateTimeOffset now;
    private readonly List<UserDraft> users = [];
    private readonly List<TrackDraft> tracks = [];

    private FakeWorldGenerator(WorldOptions options)
    {
        this.options = options;
        rng = new Random(options.Seed);
        now = options.Now.ToUniversalTime();
    }

    public static FakeWorld Generate(WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new FakeWorldGenerator(options).Run();
    }

    private FakeWorld Run()
    {
        CreateUsers();
        CreateTracks();
        var popularity = PopularityTable();
        var likes = CreateLikes(popularity);
        var reposts = CreateReposts(likes);
        var comments = CreateComments(likes);
        var playlists = CreatePlaylists(likes, popularity);
        return Assemble(likes, reposts, comments, playlists);
    }

    private void CreateUsers()
    {
        var n = options.Users;
        var start = new DateTimeOffset(2008, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = (long)(now.AddDays(-60) - start).TotalSeconds;
        var created = new long[n];
        for (var i = 0; i < n; i++)
        {
            created[i] = rng.NextInt64(span);
        }

        Array.Sort(created);

        // Ids grow with a ramped gap, so early users have 6–7 digit ids and late ones 9 digits (≈ 100 000 + 6·10⁸ at the end).
        var rampTop = 1_200_000_000d / n;
        var id = 100_000L;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            id += 1 + rng.NextInt64((long)(1 + (2 * rampTop * i / n)));
            var (username, fullName) = NewUsername();
            var slug = WorldText.Slug(username);
            var permalink = UniqueSlug(slug.Length == 0 ? $"user-{id}" : slug, taken);
            var place = rng.NextDouble() < 0.6 ? WorldText.Places[rng.Next(WorldText.Places.Length)] : default;
            users.Add(new UserDraft
            {
                Id = id,
                Username = username,
                Permalink = permalink,
                FullName = fullName,
                City = place.City,
                Country = place.Country,
                CreatedAt = start.AddSeconds(created[i]),
                MainGenre = WorldText.Genres[rng.Next(WorldText.Genres.Length)],
                HomeLabel = rng.NextDouble() < 0.2 ? WorldText.Labels[rng.Next(WorldText.Labels.Length)] : null,
                FollowingsCount = (int)Math.Min(2000, Pareto(1, 0.9)) - 1,
            });
        }

        foreach (var user in users)
        {
            user.Description = UserDescription(user);
        }
    }

    private (string Username, string FullName) NewUsername()
    {
        var u = rng.NextDouble();
        string first = Pick(WorldText.FirstNames), last = Pick(WorldText.LastNames);
        if (u < 0.06)
        {
            var exotic = Pick(WorldText.ExoticNames);
            return (exotic, exotic);
        }

        if (u < 0.36)
        {
            return ($"{first} {last}", $"{first} {last}");
        }

        var fullName = rng.NextDouble() < 0.5 ? $"{first} {last}" : "";
        if (u < 0.61)
        {
            return ($"{Pick(WorldText.HandleWords)} {Pick(WorldText.HandleWords)}{Pick(WorldText.HandleSuffixes)}".Trim(), fullName);
        }

        if (u < 0.76)
        {
            return ($"{Pick(["DJ", "MC", "Lil", "Young", "Big"])} {first}", fullName);
        }

        return ($"{first.ToLowerInvariant()}_{Pick(WorldText.HandleWords).ToLowerInvariant()}{rng.Next(10, 100)}", fullName);
    }

    private string? UserDescription(UserDraft user)
    {
        if (rng.NextDouble() < 0.4)
        {
            return null;
        }

        var lines = new List<string> { user.City is null ? $"{user.MainGenre} artist" : $"{user.MainGenre} from {user.City}" };
        if (rng.NextDouble() < 0.3)
        {
            lines.Add($"Bookings: {user.Permalink.Replace('-', '.')}@example.com");
        }

        if (user.HomeLabel is not null)
        {
            lines.Add($"Releases on {user.HomeLabel}");
        }

        return string.Join('\n', lines);
    }

    private void CreateTracks()
    {
        var drafts = new List<TrackDraft>();
        for (var ui = 0; ui < users.Count; ui++)
        {
            var user = users[ui];
            var u = rng.NextDouble();
            var count = u < 0.33 ? 0 : u < 0.53 ? 1 : u < 0.63 ? 2 : (int)Math.Min(300, Pareto(5, 1.0));
            var firstUpload = user.CreatedAt.AddDays(1);
            var uploadSpan = Math.Max(1L, (long)(now - firstUpload).TotalSeconds);
            for (var k = 0; k < count; k++)
            {
                drafts.Add(NewTrack(ui, firstUpload.AddSeconds(rng.NextInt64(uploadSpan))));
            }
        }

        // Ids ascend with upload time, as SoundCloud's do.
        drafts.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt)
            : a.UserIndex != b.UserIndex ? a.UserIndex.CompareTo(b.UserIndex) : a.Sequence.CompareTo(b.Sequence));
        var gapTop = Math.Max(2L, 1_700_000_000L / Math.Max(1, drafts.Count));
        var id = 100_000_000L;
        var slugsByUser = new Dictionary<int, HashSet<string>>();
        foreach (var t in drafts)
        {
            id += 1 + rng.NextInt64(gapTop);
            t.Id = id;
            if (!slugsByUser.TryGetValue(t.UserIndex, out var taken))
            {
                slugsByUser[t.UserIndex] = taken = new HashSet<string>(StringComparer.Ordinal);
            }

            var slug = WorldText.Slug(t.Title);
            t.Permalink = UniqueSlug(slug.Length == 0 ? $"track-{t.Id}" : slug, taken);
            t.Description = TrackDescription(t);
            users[t.UserIndex].TrackIndexes.Add(tracks.Count);
            tracks.Add(t);
        }
    }

    /// <summary>Random Pareto(x_min, α) draw by inversion.</summary>
    private double Pareto(double xMin, double alpha) => xMin / Math.Pow(1 - rng.NextDouble(), 1 / alpha);

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static string UniqueSlug(string slug, HashSet<string> taken)
    {
        if (taken.Add(slug))
        {
            return slug;
        }

        for (var n = 1; ; n++)
        {
            var candidate = $"{slug}-{n}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to)
    {
        var seconds = (long)(to - from).TotalSeconds;
        return seconds <= 0 ? from : from.AddSeconds(rng.NextInt64(seconds + 1));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class UserDraft
    {
        public long Id { get; init; }
        public required string Username { get; init; }
        public required string Permalink { get; init; }
        public required string FullName { get; init; }
        public string? Description { get; set; }
        public string? City { get; init; }
        public string? Country { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public required string MainGenre { get; init; }
        public string? HomeLabel { get; init; }
        public int FollowingsCount { get; init; }
        public List<int> TrackIndexes { get; } = [];
    }

    private sealed class TrackDraft
    {
        public long Id { get; set; }
        public int UserIndex { get; init; }
        public int Sequence { get; init; }
        public required string Title { get; init; }
        public string Permalink { get; set; } = "";
        public string? Description { get; set; }
        public DateTimeOffset CreatedAt { get; init; }
        public int DurationMs { get; init; }
        public required string Genre { get; init; }
        public required string TagList { get; init; }
        public string? LabelName { get; init; }
        public bool HasPublisherMetadata { get; init; }
        public int? Bpm { get; init; }
        public required string KeySignature { get; init; }
        public bool IsPrivate { get; init; }
        public bool Downloadable { get; init; }
        public bool HasArtwork { get; init; }
        public List<string> CreditedPermalinks { get; } = [];
        public string CreditRole { get; set; } = "";
    }
}
