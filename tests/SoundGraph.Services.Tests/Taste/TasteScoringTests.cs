using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Relations;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Taste;
using SoundGraph.Taste.Axes;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Taste;

/// <summary><see cref="TasteScoring"/> on a catalog just big enough for the tag model (10 tagged tracks with Spotify
/// descriptors; tags on at least 5 of them): which method each track's axes come from, coverage per stage, and the
/// stored rows.</summary>
public sealed class TasteScoringTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Twelve tracks with Spotify descriptors and one own tag each: s01–s06 by Loud Band ("loud"; energy 0.9, valence 0.7,
    /// danceability 0.8, 140 BPM) and s07–s12 by Calm Band ("calm"; 0.1, 0.3, 0.2, 70 BPM). Listener cat plays (listens in
    /// brackets) s01 (3), s07 (1) and:
    /// <list type="bullet">
    /// <item>Both (1): Spotify descriptors (0.6, 0.5, 0.5, 100 BPM) and a local file at 150 BPM;</item>
    /// <item>Local (1): only a local file (128 BPM, tempo confidence 0.5) and the tag "loud";</item>
    /// <item>Tagged (2): the tag "loud" and a co-playlist edge to s07;</item>
    /// <item>ArtistTagged (1): no tag of its own; its artist is tagged "calm";</item>
    /// <item>Graph (1): only a co-playlist edge to s01;</item>
    /// <item>Session (1): played 5 minutes after s07 (a co-listening edge);</item>
    /// <item>Pooled (1): nothing but its credits, Loud Band (primary) feat. Calm Band, Calm Band stored first (lower id);</item>
    /// <item>Nothing (1): nothing at all.</item>
    /// </list>
    /// Every other pair of cat's listens is two hours apart (no session). 13 listens in all.
    /// </summary>
    private static async Task<Dictionary<string, long>> WriteAsync(SoundGraphStore store)
    {
        var first = new CatalogBatch();
        first.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName("Calm Band"), "Calm Band"));
        await store.Catalog.WriteAsync(first);

        var b = new CatalogBatch();
        string[] artists = ["Loud Band", "Both Artist", "Local Artist", "Tag Artist", "Calm Artist2", "Graph Artist", "Session Artist"];
        b.Artists.AddRange(artists.Select(a => new ArtistRecord(EntityKeys.ArtistByName(a), a)));
        b.Users.Add(new UserRecord("test:user:cat", "cat"));
        void Track(string name, string? artist, string? featured = null)
        {
            b.Tracks.Add(new TrackRecord("test:track:" + name, name, artist, DurationMs: 240_000));
            if (artist is not null)
            {
                b.Credits.Add(new CreditRecord("test:track:" + name, EntityKeys.ArtistByName(artist), CreditRole.Primary, 0));
            }

            if (featured is not null)
            {
                b.Credits.Add(new CreditRecord("test:track:" + name, EntityKeys.ArtistByName(featured), CreditRole.Featured, 1));
            }
        }

        for (var i = 1; i <= 12; i++)
        {
            var name = $"s{i:D2}";
            var loud = i <= 6;
            Track(name, loud ? "Loud Band" : "Calm Band");
            b.AudioFeatures.Add(new AudioFeaturesRecord("test:track:" + name, "spotify",
                loud ? new AudioFeatures(0.8, 0.9, 0.05, 0.1, 0, 0.1, 0.7, -5, 140, 1, 1, 4) : new AudioFeatures(0.2, 0.1, 0.05, 0.9, 0, 0.1, 0.3, -15, 70, 1, 0, 4)));
            b.TagAssignments.Add(new TagAssignmentRecord(TargetType.Track, "test:track:" + name, loud ? "loud" : "calm"));
        }

        Track("Both", "Both Artist");
        b.AudioFeatures.Add(new AudioFeaturesRecord("test:track:Both", "spotify", new AudioFeatures(0.5, 0.6, 0.05, 0.5, 0, 0.1, 0.5, -8, 100, 1, 1, 4)));
        Track("Local", "Local Artist");
        b.TagAssignments.Add(new TagAssignmentRecord(TargetType.Track, "test:track:Local", "loud"));
        Track("Tagged", "Tag Artist");
        b.TagAssignments.Add(new TagAssignmentRecord(TargetType.Track, "test:track:Tagged", "loud"));
        Track("ArtistTagged", "Calm Artist2");
        b.TagAssignments.Add(new TagAssignmentRecord(TargetType.Artist, EntityKeys.ArtistByName("Calm Artist2"), "calm"));
        Track("Graph", "Graph Artist");
        Track("Session", "Session Artist");
        Track("Pooled", "Loud Band", featured: "Calm Band");
        Track("Nothing", null);

        var at = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        string[] plays = ["s01", "s01", "Both", "Local", "Tagged", "Tagged", "ArtistTagged", "Graph", "Pooled", "Nothing", "s01"];
        foreach (var track in plays)
        {
            at = at.AddHours(2);
            b.Listens.Add(new ListenRecord("test:user:cat", "test:track:" + track, at, 200_000, "test"));
        }

        b.Listens.Add(new ListenRecord("test:user:cat", "test:track:s07", at.AddHours(2), 200_000, "test"));
        b.Listens.Add(new ListenRecord("test:user:cat", "test:track:Session", at.AddHours(2).AddMinutes(5), 200_000, "test"));
        await store.Catalog.WriteAsync(b);

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in Enumerable.Range(1, 12).Select(i => $"s{i:D2}").Concat(["Both", "Local", "Tagged", "ArtistTagged", "Graph", "Session", "Pooled", "Nothing"]))
        {
            ids[name] = (await store.Identifiers.TrackIdByKeyAsync("test:track:" + name))!.Value;
        }

        await LocalAudioFixture.SaveAsync(store, ids["Both"], "both", At, ("tempo_bpm", 150), ("spectral_centroid_mean_hz", 500 * Math.Sqrt(10)));
        await LocalAudioFixture.SaveAsync(store, ids["Local"], "local", At, ("tempo_bpm", 128), ("tempo_confidence", 0.5));

        // Stored per direction, as relate writes them; an audio pair below zero is no edge.
        Relation Row(RelationKind kind, string a, string c, double w) => new(kind, ids[a], ids[c], w, 1, []);
        await store.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist,
            [Row(RelationKind.TrackCoPlaylist, "Graph", "s01", 0.5), Row(RelationKind.TrackCoPlaylist, "s01", "Graph", 0.25), Row(RelationKind.TrackCoPlaylist, "Tagged", "s07", 0.4)], At);
        await store.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, [Row(RelationKind.TrackAudioSimilarity, "s01", "s07", -0.2)], At);
        return ids;
    }

    /// <summary>The tag model the service must have trained: the twelve Spotify tracks in id order, each with its one tag
    /// (normalized weight 1) and its four Spotify targets.</summary>
    private static TagAxisModel ExpectedModel(Dictionary<string, long> ids) =>
        TagAxisModel.Train(
            [.. Enumerable.Range(1, 12).OrderBy(i => ids[$"s{i:D2}"]).Select(i => new TaggedItem(
                "track:" + ids[$"s{i:D2}"],
                new Dictionary<string, double> { [i <= 6 ? "loud" : "calm"] = 1 },
                i <= 6
                    ? new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.9, [MoodAxis.Valence] = 0.7, [MoodAxis.Danceability] = 0.8, [MoodAxis.Tempo] = 140 }
                    : new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.1, [MoodAxis.Valence] = 0.3, [MoodAxis.Danceability] = 0.2, [MoodAxis.Tempo] = 70 }))],
            new TagAxisOptions { Seed = 16 });

    [Theory]
    [StoreProviders]
    public async Task Run_SmallCatalog_MethodPrecedenceCoverageStagesAndStoredRows(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await WriteAsync(store);

        var result = await TasteScoring.RunAsync(store);

        Assert.Equal((10, 13L, 12, 2), (result.ListenedTracks, result.TotalListens, result.TrainingItems, result.Vocabulary));
        Assert.Equal((2, 1), (result.RelationEdges, result.SessionEdges)); // Graph–s01 once, Tagged–s07; s07–Session
        Assert.Equal(
        [
            new CoverageStage("direct", 5, 5 / 13.0, 3), // s01 ×3, s07, Both
            new CoverageStage("+ tags", 9, 9 / 13.0, 6), // + Local, Tagged ×2, ArtistTagged
            new CoverageStage("+ graph", 12, 12 / 13.0, 9), // + Graph, Session, Pooled; Nothing stays out
        ], result.Coverage);
        Assert.Empty(result.TagValidation); // fewer than 50 training tracks
        Assert.Empty(result.SmoothingValidation); // fewer than 50 direct values
        Assert.Equal(4, result.TopTags.Count);

        var axes = (await store.Taste.TrackAxesAsync()).ToLookup(a => a.TrackId);
        TrackAxisRow Axis(string track, string axis) => axes[ids[track]].Single(a => a.Axis == axis);

        // (1) Spotify before local audio: Both's tempo is Spotify's 100, its brightness the file's (centroid 500·√10 Hz: 0.5).
        Assert.Equal(new TrackAxisRow(ids["Both"], "tempo", 100, "spotify", 1), Axis("Both", "tempo"));
        Assert.Equal(new TrackAxisRow(ids["s01"], "energy", 0.9, "spotify", 1), Axis("s01", "energy"));
        Assert.Equal("local-audio", Axis("Both", "brightness").Method);
        Assert.Equal(0.5, Axis("Both", "brightness").Value, 1e-12);

        // (2) Local audio before tags: Local's tempo is its file's (confidence 0.9 × 0.5), its energy the tag model's.
        Assert.Equal(new TrackAxisRow(ids["Local"], "tempo", 128, "local-audio", 0.45), Round(Axis("Local", "tempo")));
        var model = ExpectedModel(ids);
        var loud = model.Predict(new Dictionary<string, double> { ["loud"] = 1 });
        var calm = model.Predict(new Dictionary<string, double> { ["calm"] = 1 });
        Assert.True(loud[MoodAxis.Energy].Value > 0.5 && calm[MoodAxis.Energy].Value < 0.5);
        foreach (var axis in new[] { MoodAxis.Energy, MoodAxis.Valence, MoodAxis.Danceability })
        {
            Assert.Equal(new TrackAxisRow(ids["Local"], axis.Code(), loud[axis].Value, "tags", loud[axis].Confidence), Axis("Local", axis.Code()));
        }

        // (3) Tags before the graph: Tagged has an edge to s07 (0.1) yet keeps its "loud" prediction; an artist's tags
        // alone predict too.
        foreach (var axis in TasteScoring.LearnedAxes)
        {
            Assert.Equal(new TrackAxisRow(ids["Tagged"], axis.Code(), loud[axis].Value, "tags", loud[axis].Confidence), Axis("Tagged", axis.Code()));
            Assert.Equal(new TrackAxisRow(ids["ArtistTagged"], axis.Code(), calm[axis].Value, "tags", calm[axis].Confidence), Axis("ArtistTagged", axis.Code()));
        }

        // (4) The graph: a free track with one neighbour takes its value, confidence 1 × 0.7 per hop; then the artist:
        // Pooled's primary artist, Loud Band, has six tracks at 0.9 and no spread within any artist (κ = 0), so the
        // pooled mean is its own mean with confidence 1.
        Assert.Equal(new TrackAxisRow(ids["Graph"], "energy", 0.9, "graph", 0.7), Round(Axis("Graph", "energy")));
        Assert.Equal(new TrackAxisRow(ids["Graph"], "tempo", 140, "graph", 0.7), Round(Axis("Graph", "tempo")));
        Assert.Equal(new TrackAxisRow(ids["Session"], "energy", 0.1, "graph", 0.7), Round(Axis("Session", "energy")));
        Assert.Equal(new TrackAxisRow(ids["Pooled"], "energy", 0.9, "artist", 1), Round(Axis("Pooled", "energy")));
        Assert.Equal(new TrackAxisRow(ids["Pooled"], "valence", 0.7, "artist", 1), Round(Axis("Pooled", "valence")));
        Assert.Empty(axes[ids["Nothing"]]);

        // Stored: the listened tracks' axes and those of analysed files: 4 each for s01, s07, Tagged, ArtistTagged, Graph,
        // Session, Pooled; Both 4 Spotify + 6 from its file; Local 7 from its file + 3 from tags. No unlistened s02…
        Assert.Equal(48, result.StoredRows);
        Assert.Equal(48, axes.Sum(g => g.Count()));
        Assert.False(axes.Contains(ids["s02"]));
        Assert.Equal(new Dictionary<string, int> { ["spotify"] = 3, ["tags"] = 3, ["graph"] = 2, ["artist"] = 1 }, result.MethodCounts["energy"]);
        Assert.Equal(new Dictionary<string, int> { ["spotify"] = 3, ["local-audio"] = 1, ["tags"] = 2, ["graph"] = 2, ["artist"] = 1 }, result.MethodCounts["tempo"]);
        Assert.Equal(new Dictionary<string, int> { ["local-audio"] = 2 }, result.MethodCounts["brightness"]);
        Assert.NotNull(await store.Taste.AxesComputedAtAsync());

        // A second run over the same store stores the same rows.
        var again = await TasteScoring.RunAsync(store);
        Assert.Equal(result.Coverage, again.Coverage);
        Assert.Equal(axes.SelectMany(g => g), await store.Taste.TrackAxesAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task Inputs_SmallCatalog_EdgesOncePerPairWithTheLargerWeight_AndTagsSplitByOrigin(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await WriteAsync(temp.Store);

        var inputs = await TasteInputs.LoadAsync(temp.Store);

        Assert.Equal([(Math.Min(ids["Graph"], ids["s01"]), Math.Max(ids["Graph"], ids["s01"]), 0.5, "track_co_playlist"), (Math.Min(ids["Tagged"], ids["s07"]), Math.Max(ids["Tagged"], ids["s07"]), 0.4, "track_co_playlist")],
            inputs.Edges.OrderBy(e => e.Weight < 0.45));
        Assert.Equal([new TrackEdge(Math.Min(ids["s07"], ids["Session"]), Math.Max(ids["s07"], ids["Session"]), 0.5)], inputs.SessionEdges);
        Assert.Equal(10, inputs.ListenedTracks.Count);
        Assert.Equal(13, inputs.Descriptors.Count);
        Assert.Equal([ids["Both"], ids["Local"]], inputs.LocalAudio.Keys.Order());
        Assert.Equal(new Dictionary<string, double> { ["loud"] = 1 }, inputs.TrackTags[ids["Tagged"]]);
        Assert.Equal(new Dictionary<string, double> { ["calm"] = 1 }, inputs.ArtistTags[ids["ArtistTagged"]]);
        Assert.False(inputs.TrackTags.ContainsKey(ids["ArtistTagged"]));
        Assert.Equal(2, inputs.Artists[ids["Pooled"]].Length);
    }

    /// <remarks>Three tracks of Artist R on the album "Night" (two spelled "night"), one of them on label L with a fourth
    /// track (another artist, no album): a same-release triangle and a two-track label chain.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Inputs_AlbumsAndLabels_SameReleaseAndSameLabelEdges(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        b.Artists.AddRange([new(SoundGraph.Core.Identity.EntityKeys.ArtistByName("R"), "R"), new(SoundGraph.Core.Identity.EntityKeys.ArtistByName("S"), "S")]);
        b.Labels.Add(new("test:label:l", "L"));
        b.Tracks.AddRange(
        [
            new("test:track:n1", "N1", "R", Album: "Night", LabelKey: "test:label:l"),
            new("test:track:n2", "N2", "R", Album: "night"),
            new("test:track:n3", "N3", "R", Album: "night"),
            new("test:track:x", "X", "S", LabelKey: "test:label:l"),
        ]);
        foreach (var (key, artist) in new[] { ("n1", "R"), ("n2", "R"), ("n3", "R"), ("x", "S") })
        {
            b.Credits.Add(new("test:track:" + key, SoundGraph.Core.Identity.EntityKeys.ArtistByName(artist), SoundGraph.Core.Catalog.CreditRole.Primary, 0));
        }

        await temp.Store.Catalog.WriteAsync(b);
        var id = new Dictionary<string, long>();
        foreach (var key in new[] { "n1", "n2", "n3", "x" })
        {
            id[key] = (await temp.Store.Identifiers.TrackIdByKeyAsync("test:track:" + key))!.Value;
        }

        var inputs = await TasteInputs.LoadAsync(temp.Store);

        static TrackEdge E(long a, long b, double w) => new(Math.Min(a, b), Math.Max(a, b), w);
        Assert.Equal(
            new[] { E(id["n1"], id["n2"], 0.3), E(id["n1"], id["n3"], 0.3), E(id["n2"], id["n3"], 0.3), E(id["n1"], id["x"], 0.1) }.OrderBy(e => e.A).ThenBy(e => e.B),
            inputs.CatalogEdges.OrderBy(e => e.A).ThenBy(e => e.B));
    }

    /// <remarks>Track 1: own tags loud 3, rock 1 (→ 0.75, 0.25) and artist tags loud 2, pop 2 (→ 0.5, 0.5): loud 1.25,
    /// rock 0.25, pop 0.5. Track 2: artist tags only, calm 5 → 1. Track 3: weights summing to 0 give no tags.</remarks>
    [Fact]
    public void CombinedTags_EachSetNormalizedToOneThenAdded()
    {
        var inputs = new TasteInputs(
            [1, 2, 3],
            new Dictionary<long, TrackDescriptorRow>(),
            new Dictionary<long, LocalAudioRow>(),
            new Dictionary<long, Dictionary<string, double>> { [1] = new() { ["loud"] = 3, ["rock"] = 1 }, [3] = new() { ["x"] = 0 } },
            new Dictionary<long, Dictionary<string, double>> { [1] = new() { ["loud"] = 2, ["pop"] = 2 }, [2] = new() { ["calm"] = 5 } },
            new Dictionary<long, long[]>(),
            [],
            [],
            []);

        var tags = TasteScoring.CombinedTags(inputs);

        Assert.Equal([1L, 2], tags.Keys.Order());
        Assert.Equal(new Dictionary<string, double> { ["loud"] = 1.25, ["rock"] = 0.25, ["pop"] = 0.5 }, tags[1]);
        Assert.Equal(new Dictionary<string, double> { ["calm"] = 1 }, tags[2]);
    }

    private static TrackAxisRow Round(TrackAxisRow r) => r with { Value = Math.Round(r.Value, 9), Confidence = Math.Round(r.Confidence, 9) };
}
