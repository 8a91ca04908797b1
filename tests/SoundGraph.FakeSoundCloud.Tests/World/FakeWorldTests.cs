using System.Text.RegularExpressions;
using SoundGraph.FakeSoundCloud.Tests.TestSupport;
using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud.Tests.World;

public sealed class FakeWorldTests
{
    [Fact]
    public void Generate_SameOptionsTwice_SameDigest()
    {
        var options = new WorldOptions { Seed = 11, Users = 300 };

        var first = FakeWorld.Generate(options);
        var second = FakeWorld.Generate(options);

        Assert.Equal(first.ComputeDigest(), second.ComputeDigest());
        Assert.Equal(first.TrackCount, second.TrackCount);
        Assert.Equal(first.Tracks.Select(t => t.Title), second.Tracks.Select(t => t.Title));
    }

    [Fact]
    public void Generate_OtherSeed_OtherDigest()
    {
        var a = FakeWorld.Generate(new WorldOptions { Seed = 11, Users = 300 });
        var b = FakeWorld.Generate(new WorldOptions { Seed = 12, Users = 300 });

        Assert.NotEqual(a.ComputeDigest(), b.ComputeDigest());
    }

    [Theory]
    [InlineData(9)]
    [InlineData(200_001)]
    public void Generate_UsersOutOfRange_Throws(int users) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeWorld.Generate(new WorldOptions { Users = users }));

    [Fact]
    public void Generate_Defaults_LongTailOfLikersAndUploads()
    {
        var world = TestWorlds.Default;
        var likers = world.Tracks.Where(t => !t.IsPrivate).Select(t => t.FavoritingsCount).Order().ToArray();
        var median = likers[likers.Length / 2];
        var uploads = world.Users.Select(u => world.TracksBy(u.Id).Count).ToArray();

        Assert.True(likers[^1] >= 10 * Math.Max(1, median), $"top {likers[^1]}, median {median}");
        Assert.True(likers[^3] >= 100, $"third-most-liked track has {likers[^3]} likers");
        Assert.InRange(world.TrackCount / (double)world.UserCount, 7, 13);
        Assert.True(uploads.Count(n => n <= 2) > world.UserCount / 2, "most users upload 0–2 tracks");
        Assert.InRange(uploads.Count(n => n >= 100), 5, 150);
        Assert.Contains(world.Users, u => u.PublicFavoritesCount == 0);
        Assert.Contains(world.Tracks, t => t.IsPrivate);
    }

    [Fact]
    public void Generate_Defaults_IdsHaveRealisticLengths()
    {
        var world = TestWorlds.Default;

        Assert.All(world.Tracks, t => Assert.InRange(t.Id, 100_000_000, 999_999_999));
        Assert.All(world.Users, u => Assert.InRange(u.Id, 100_000, 999_999_999));
        Assert.Contains(world.Users, u => u.Id < 10_000_000);
        Assert.Contains(world.Users, u => u.Id >= 100_000_000);
        Assert.Equal(world.Tracks.Select(t => t.Id).Order(), world.Tracks.Select(t => t.Id));
    }

    [Fact]
    public void Generate_Defaults_TextsCarryCreditsMentionsEmailsLabelsAndNonAsciiNames()
    {
        var world = TestWorlds.Default;
        var permalinks = world.Users.Select(u => u.Permalink).ToHashSet();
        var titles = world.Tracks.Select(t => t.Title).ToArray();
        var descriptions = world.Tracks.Select(t => t.Description ?? "").ToArray();

        foreach (var credit in new[] { " (feat. ", " ft. ", " Remix)", " x ", " w/ ", " (prod. by " })
        {
            Assert.Contains(titles, t => t.Contains(credit, StringComparison.Ordinal));
        }

        Assert.Contains(titles, t => Regex.IsMatch(t, @" ft\. .+ & "));
        var mentions = descriptions.SelectMany(d => Regex.Matches(d, @"@([a-z0-9-]+)\b(?!\.)").Select(m => m.Groups[1].Value)).ToArray();
        Assert.NotEmpty(mentions);
        Assert.All(mentions.Where(m => !m.Contains('.', StringComparison.Ordinal)), m => Assert.Contains(m, permalinks));
        Assert.Contains(descriptions, d => Regex.IsMatch(d, @"[a-z0-9.]+@example\.(com|org)"));
        Assert.Contains(descriptions, d => d.StartsWith("Out now on ", StringComparison.Ordinal));
        Assert.Contains(world.Tracks, t => t.TagList.Contains("\"deep house\"", StringComparison.Ordinal));
        Assert.InRange(world.Labels.Count, 24, 60);
        Assert.Contains(world.Tracks, t => t.PublisherMetadata is { Publisher: not null, PLine: not null });
        Assert.Contains(world.Users, u => Regex.IsMatch(u.Username, @"\p{IsCyrillic}"));
        Assert.Contains(world.Users, u => Regex.IsMatch(u.Username, @"\p{IsKatakana}|\p{IsHiragana}|\p{IsCJKUnifiedIdeographs}"));
        Assert.Contains(world.Users, u => u.Username.Contains('ð', StringComparison.Ordinal) || u.Username.Contains('Þ', StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_Defaults_CountsEqualCollectionSizes()
    {
        var world = TestWorlds.Default;

        Assert.All(world.Users, u =>
        {
            Assert.Equal(u.TrackCount, world.TracksBy(u.Id).Count);
            Assert.Equal(u.PlaylistCount, world.PlaylistsBy(u.Id).Count);
            Assert.Equal(u.PublicFavoritesCount, world.LikedTracks(u.Id).Count);
        });
        Assert.All(world.Tracks.Where(t => !t.IsPrivate), t =>
        {
            Assert.Equal(t.FavoritingsCount, world.Favoriters(t.Id).Count);
            Assert.Equal(t.RepostsCount, world.Reposters(t.Id).Count);
            Assert.Equal(t.CommentCount, world.Comments(t.Id).Count);
        });
        Assert.Equal(world.LikeCount, world.Tracks.Sum(t => t.FavoritingsCount));
        Assert.DoesNotContain(world.Users.SelectMany(u => world.LikedTracks(u.Id)), t => t.IsPrivate);
        Assert.DoesNotContain(world.Playlists.SelectMany(p => p.TrackIds), id => world.Track(id)!.IsPrivate);
    }

    [Fact]
    public void LikedTracks_HeaviestLiker_NewestFirstWithoutDuplicates()
    {
        var world = TestWorlds.Small;
        var user = world.Users.MaxBy(u => u.PublicFavoritesCount)!;

        var liked = world.LikedTracks(user.Id);

        Assert.Equal(liked.Count, liked.Select(t => t.Id).Distinct().Count());
        Assert.DoesNotContain(liked, t => t.UserId == user.Id);
        Assert.Empty(world.LikedTracks(-1));
    }

    [Fact]
    public void TracksBy_Uploader_NewestFirstAndPublicOnly()
    {
        var world = TestWorlds.Small;
        var user = world.Users.MaxBy(u => u.TrackCount)!;

        var tracks = world.TracksBy(user.Id);

        Assert.Equal(tracks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id), tracks);
        Assert.All(tracks, t => Assert.False(t.IsPrivate));
    }

    [Fact]
    public void Search_EmptyQuery_AllPublicTracksByPlaybacksThenId()
    {
        var world = TestWorlds.Small;

        var all = world.Search("");

        Assert.Equal(world.PublicTrackCount, all.Count);
        Assert.Equal(all.OrderByDescending(t => t.PlaybackCount).ThenBy(t => t.Id), all);
    }

    [Fact]
    public void Search_WordsFromTwoFields_EveryWordMustMatchSomeField()
    {
        var world = TestWorlds.Small;
        var track = world.Tracks.First(t => !t.IsPrivate && t.LabelName is not null);
        var user = world.User(track.UserId)!;
        var labelWord = track.LabelName!.Split(' ')[0].ToUpperInvariant();
        var userWord = user.Username.Split(' ', '_')[0];

        var hits = world.Search($"  {labelWord}   {userWord} ");
        var expected = world.Tracks.Where(t => !t.IsPrivate && new[] { labelWord, userWord }.All(w =>
                new[] { t.Title, world.User(t.UserId)!.Username, t.TagList, t.LabelName ?? "", t.Description ?? "" }
                    .Any(f => f.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(t => t.PlaybackCount).ThenBy(t => t.Id);

        Assert.Contains(track, hits);
        Assert.Equal(expected, hits);
        Assert.Empty(world.Search("zzqqxxnotaword"));
    }

    [Fact]
    public void Search_DateBounds_AreInclusive()
    {
        var world = TestWorlds.Small;
        var track = world.Tracks.First(t => !t.IsPrivate);

        Assert.Contains(track, world.Search(null, track.CreatedAt, track.CreatedAt));
        Assert.DoesNotContain(track, world.Search(null, track.CreatedAt.AddSeconds(1), null));
        Assert.DoesNotContain(track, world.Search(null, null, track.CreatedAt.AddSeconds(-1)));
    }

    [Fact]
    public void Related_Track_SameGenreWithoutItselfAtMostFifty()
    {
        var world = TestWorlds.Default;
        var track = world.PopularTracks(1)[0];

        var related = world.Related(track.Id);

        Assert.InRange(related.Count, 1, 50);
        Assert.All(related, t => Assert.Equal(track.Genre, t.Genre));
        Assert.DoesNotContain(track, related);
        Assert.Equal(related.OrderByDescending(t => t.PlaybackCount).ThenBy(t => t.Id), related);
    }

    [Fact]
    public void ResolveUrl_WorldUrls_ResolveToTheirEntities()
    {
        var world = TestWorlds.Small;
        var track = world.Tracks.First(t => !t.IsPrivate);
        var user = world.User(track.UserId)!;
        var playlist = world.Playlists[0];

        Assert.Equal(new FakeResource(FakeResourceKind.Track, track.Id), world.ResolveUrl(world.TrackUrl(track)));
        Assert.Equal(new FakeResource(FakeResourceKind.Track, track.Id), world.ResolveUrl(world.TrackUrl(track).ToUpperInvariant().Replace("HTTPS://SOUNDCLOUD.COM", "http://m.soundcloud.com", StringComparison.Ordinal) + "/?in=x"));
        Assert.Equal(new FakeResource(FakeResourceKind.User, user.Id), world.ResolveUrl(FakeWorld.UserUrl(user) + "/"));
        Assert.Equal(new FakeResource(FakeResourceKind.Playlist, playlist.Id), world.ResolveUrl(world.PlaylistUrl(playlist)));
    }

    [Theory]
    [InlineData("https://soundcloud.com/no-such-user-anywhere")]
    [InlineData("https://example.com/whatever/else")]
    [InlineData("not a url")]
    [InlineData("https://soundcloud.com/")]
    public void ResolveUrl_UnknownUrl_Null(string url) => Assert.Null(TestWorlds.Small.ResolveUrl(url));

    [Theory]
    [InlineData("Björk Hallvarðsdóttir", "bjork-hallvardsdottir")]
    [InlineData("Æsa Þórsdóttir", "aesa-thorsdottir")]
    [InlineData("Sigur Vök", "sigur-vok")]
    [InlineData("Song (feat. A & B)", "song-feat-a-b")]
    [InlineData("Łucja Wróbel", "lucja-wrobel")]
    [InlineData("Тихий Океан", "")]
    [InlineData("夜明けのサカナ", "")]
    public void Slug_Name_FoldsToAsciiPermalink(string name, string expected) => Assert.Equal(expected, WorldText.Slug(name));

    [Fact]
    public void TagList_MultiWordTags_AreQuoted() =>
        Assert.Equal("\"deep house\" chill \"late night\"", WorldText.TagList(["deep house", "chill", "late night"]));
}
