using System.Globalization;

namespace SoundGraph.FakeMusicBrainz;

/// <summary>A credited artist of a fake recording: the name as credited, the join phrase after it, the artist's MBID and name.</summary>
/// <param name="Name">Name as credited.</param>
/// <param name="JoinPhrase">Join phrase to the next credit ("" for the last).</param>
/// <param name="ArtistId">Artist MBID.</param>
/// <param name="ArtistName">Artist name.</param>
public sealed record FakeCredit(string Name, string JoinPhrase, Guid ArtistId, string ArtistName);

/// <summary>A recording of the fake world.</summary>
/// <param name="Id">Recording MBID.</param>
/// <param name="Title">Title.</param>
/// <param name="LengthMs">Length in milliseconds, or null.</param>
/// <param name="Credits">Artist credit in order.</param>
/// <param name="Isrcs">ISRCs.</param>
/// <param name="Tags">Tags with vote counts.</param>
/// <param name="Genres">Genres with vote counts.</param>
/// <param name="ReleaseTitle">Title of the one release it appears on, or null for none.</param>
public sealed record FakeRecording(
    Guid Id,
    string Title,
    long? LengthMs,
    IReadOnlyList<FakeCredit> Credits,
    IReadOnlyList<string> Isrcs,
    IReadOnlyList<(string Name, int Count)> Tags,
    IReadOnlyList<(string Name, int Count)> Genres,
    string? ReleaseTitle = null);

/// <summary>The recordings a fake MusicBrainz server answers about. Everything in it is SYNTHETIC: made-up names, ids and
/// ISRCs (ISRC country code XX, registrant SYN), not MusicBrainz data.</summary>
public sealed partial class FakeMbWorld
{
    private FakeMbSearchIndex? _index;

    /// <summary>Creates a world of the given recordings (a test's hand-made ones).</summary>
    /// <param name="recordings">The recordings; ids must be distinct.</param>
    /// <param name="scoring">How searches are scored; default the hand-made tests' <see cref="FakeMbScoring.Simple"/>.</param>
    /// <param name="truth">Ground truth of a world made from store tracks (track key → the correct recording); default none.</param>
    public FakeMbWorld(IEnumerable<FakeRecording> recordings, FakeMbScoring scoring = FakeMbScoring.Simple, IReadOnlyDictionary<string, FakeTruth>? truth = null)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        Recordings = recordings.ToList();
        ById = Recordings.ToDictionary(r => r.Id);
        Scoring = scoring;
        Truth = truth ?? new Dictionary<string, FakeTruth>();
    }

    /// <summary>How searches are scored.</summary>
    public FakeMbScoring Scoring { get; }

    /// <summary>For a world made by <see cref="FromTracks"/>: each store track's key → its ground truth; empty otherwise.</summary>
    public IReadOnlyDictionary<string, FakeTruth> Truth { get; }

    /// <summary>The Lucene-like index of this world (built on first use).</summary>
    public FakeMbSearchIndex Index => _index ??= new FakeMbSearchIndex(Recordings);

    /// <summary>Every recording, in order.</summary>
    public IReadOnlyList<FakeRecording> Recordings { get; }

    /// <summary>Recordings by MBID.</summary>
    public IReadOnlyDictionary<Guid, FakeRecording> ById { get; }

    /// <summary>A deterministic synthetic world: recording i is "Synthetic Song {i}" by "Synthetic Artist {i mod 50}"
    /// (every fourth one "feat." the next artist), ISRC <c>XXSYN25{i:D5}</c>, tag "synthetic" (1 vote) and a genre.</summary>
    /// <param name="count">Recordings, ≥ 0.</param>
    /// <param name="seed">Seed of the ids.</param>
    /// <returns>The world.</returns>
    public static FakeMbWorld Generate(int count, int seed = 14)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var artists = Enumerable.Range(0, 50).Select(_ => NewGuid(random)).ToArray();
        string[] genres = ["electronic", "pop", "rock", "hip hop", "jazz"];
        var list = new List<FakeRecording>(count);
        for (var i = 0; i < count; i++)
        {
            var a = i % artists.Length;
            var name = "Synthetic Artist " + a.ToString(CultureInfo.InvariantCulture);
            var credits = new List<FakeCredit>();
            if (i % 4 == 3)
            {
                var b = (a + 1) % artists.Length;
                var other = "Synthetic Artist " + b.ToString(CultureInfo.InvariantCulture);
                credits.Add(new FakeCredit(name, " feat. ", artists[a], name));
                credits.Add(new FakeCredit(other, "", artists[b], other));
            }
            else
            {
                credits.Add(new FakeCredit(name, "", artists[a], name));
            }

            list.Add(new FakeRecording(
                NewGuid(random),
                "Synthetic Song " + i.ToString(CultureInfo.InvariantCulture),
                120_000 + (i * 1_000L % 120_000),
                credits,
                ["XXSYN25" + i.ToString("D5", CultureInfo.InvariantCulture)],
                [("synthetic", 1)],
                [(genres[i % genres.Length], 1 + (i % 5))],
                "Synthetic Release " + (i / 10).ToString(CultureInfo.InvariantCulture)));
        }

        return new FakeMbWorld(list);
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // variant
        return new Guid(bytes);
    }
}
