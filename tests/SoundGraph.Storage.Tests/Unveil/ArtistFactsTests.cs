using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Explore;
using SoundGraph.Storage.Resolution;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>An artist's top tags (unveil summary, artist details) and engagement sums on a hand-made store: ties between
/// tags broken by name, the limit, and engagements on the artist and on its tracks each counted once, also for a track
/// the artist is credited on twice.</summary>
public sealed class ArtistFactsTests
{
    private static async Task<(TempStore Temp, long Artist)> HandMadeAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var c = temp.Store.Connection;
        async Task<long> Insert(string sql, object args) => await c.ExecuteScalarAsync<long>(sql + " RETURNING id", args);
        var a = await Insert("INSERT INTO artists (key, name, name_norm) VALUES (@k, @n, @n)", new { k = "test:artist:a", n = "A" });
        var b = await Insert("INSERT INTO artists (key, name, name_norm) VALUES (@k, @n, @n)", new { k = "test:artist:b", n = "B" });
        var t = new long[3];
        for (var i = 0; i < 3; i++)
        {
            t[i] = await Insert("INSERT INTO tracks (key, title, title_norm) VALUES (@k, @n, @n)", new { k = $"test:track:{i + 1}", n = $"t{i + 1}" });
        }

        // A is t1's primary artist and its producer (two credit rows), and t2's primary artist; t3 is B's.
        const string credit = "INSERT INTO track_credits (track_id, artist_id, role, position) VALUES (@t, @a, @r, 0)";
        await c.ExecuteAsync(credit, new[] { new { t = t[0], a, r = 0 }, new { t = t[0], a, r = 3 }, new { t = t[1], a, r = 0 }, new { t = t[2], a = b, r = 0 } });
        var u = new long[3];
        for (var i = 0; i < 3; i++)
        {
            u[i] = await Insert("INSERT INTO users (key, name) VALUES (@k, @n)", new { k = $"test:user:{i + 1}", n = $"u{i + 1}" });
        }

        const string engagement = "INSERT INTO engagements (user_id, target_type, target_id, kind, count) VALUES (@u, @type, @target, @kind, @n)";
        var play = (int)EngagementKind.Play;
        var like = (int)EngagementKind.Like;
        await c.ExecuteAsync(engagement, new[]
        {
            new { u = u[0], type = 0, target = t[0], kind = play, n = 4 },
            new { u = u[1], type = 0, target = t[0], kind = like, n = 1 },
            new { u = u[0], type = 0, target = t[1], kind = play, n = 2 },
            new { u = u[2], type = 1, target = a, kind = play, n = 10 },
            new { u = u[1], type = 0, target = t[2], kind = play, n = 100 }, // B's track: not A's
            new { u = u[1], type = 1, target = b, kind = play, n = 50 }, // B itself
        });

        // A's tags: rock by three users, jazz and pop by two (a tie: by name), t01…t07 by one.
        var tags = new Dictionary<string, int> { ["rock"] = 3, ["pop"] = 2, ["jazz"] = 2 };
        for (var i = 1; i <= 7; i++)
        {
            tags[$"t{i:00}"] = 1;
        }

        foreach (var (name, users) in tags)
        {
            var tag = await Insert("INSERT INTO tags (name, name_norm) VALUES (@name, @name)", new { name });
            for (var i = 0; i < users; i++)
            {
                await c.ExecuteAsync("INSERT INTO artist_tags (artist_id, tag_id, user_id) VALUES (@a, @tag, @u)", new { a, tag, u = u[i] });
            }
        }

        return (temp, a);
    }

    [Theory]
    [StoreProviders]
    public async Task Unveil_Artist_TopTagsByUsesThenNameAndEngagementOnTheArtistAndItsTracksOnce(string provider)
    {
        var (temp, a) = await HandMadeAsync(provider);
        await using var _ = temp;

        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("artist", a, "A"));

        var summary = report.Sections.Single(s => s.Key == "summary").Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("rock, jazz, pop, t01, t02, t03, t04, t05", summary["top tags"]);
        Assert.Equal("2", summary["tracks in store"]);
        var engagement = report.Sections.Single(s => s.Key == "engagement").Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("16", engagement["plays"]); // 4 on t1 (once, though A has two credit rows on it) + 2 on t2 + 10 on A
        Assert.Equal("1", engagement["likes"]);
        Assert.Equal("3", engagement["listeners"]);
    }

    [Theory]
    [StoreProviders]
    public async Task Details_Artist_TagsWithTheirUsesByUsesThenNameAndThePlays(string provider)
    {
        var (temp, a) = await HandMadeAsync(provider);
        await using var _ = temp;

        var artist = await new DetailsReader(temp.Store.Connection).ArtistAsync(a);

        Assert.NotNull(artist);
        Assert.Equal(
            [new("rock", 3), new("jazz", 2), new("pop", 2), new("t01", 1), new("t02", 1), new("t03", 1), new("t04", 1), new("t05", 1), new("t06", 1), new("t07", 1)],
            artist.Tags);
        Assert.Equal(16, artist.Plays);
    }
}
