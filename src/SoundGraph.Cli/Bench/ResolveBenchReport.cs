using System.Globalization;
using SoundGraph.FakeMusicBrainz;
using SoundGraph.Ingest.Sources.MusicBrainz;

namespace SoundGraph.Cli.Bench;

/// <summary>Figures of a <see cref="ResolveBenchRun"/> against its world's ground truth, written as Markdown: counts,
/// precision (all, ISRC, search), outcomes per perturbation, a score-margin sweep recomputed in process from the same
/// searches, and a seeded sample of accepted search matches and ambiguous tracks to hand-check.</summary>
public static class ResolveBenchReport
{
    private static readonly int[] Margins = [0, 5, 10, 15, 20, 25, 30];

    /// <summary>Writes the report.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="run">The run.</param>
    /// <param name="sampleSeed">Seed of the hand-check sample.</param>
    public static void Write(TextWriter writer, ResolveBenchRun run, int sampleSeed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        var truth = run.World.Truth;
        bool Correct(string key) => run.Matches.TryGetValue(key, out var m) && truth[key].Mbid == m.Mbid;
        var byMethod = run.LookedUp.Where(t => run.Matches.ContainsKey(t.Key)).GroupBy(t => run.Matches[t.Key].Method).ToDictionary(g => g.Key, g => g.ToList());
        var isrc = byMethod.GetValueOrDefault("id") ?? [];
        var search = byMethod.GetValueOrDefault("name") ?? [];
        var reachable = run.LookedUp.Count(t => truth[t.Key].Mbid is not null);
        var correct = run.LookedUp.Count(t => Correct(t.Key));
        writer.WriteLine($"## Figures (SYNTHETIC world, seed {run.Seed}, {Pct(run.IsrcShare)} of tracks with a synthetic ISRC, {F(run.Rps)} requests/s)");
        writer.WriteLine();
        writer.WriteLine("| figure | value |");
        writer.WriteLine("|---|---|");
        writer.WriteLine($"| tracks looked up | {s.LookedUp} |");
        writer.WriteLine($"| matched (by ISRC + by search) | {s.Matched} ({s.MatchedByIsrc} + {s.MatchedBySearch}) |");
        writer.WriteLine($"| match rate (matched / looked up) | {Pct(s.MatchRate)} |");
        writer.WriteLine($"| precision (correct / matched) | {Ratio(correct, s.Matched)} |");
        writer.WriteLine($"| precision of ISRC matches | {Ratio(isrc.Count(t => Correct(t.Key)), isrc.Count)} |");
        writer.WriteLine($"| precision of search matches | {Ratio(search.Count(t => Correct(t.Key)), search.Count)} |");
        writer.WriteLine($"| recall (correct / tracks the world holds) | {Ratio(correct, reachable)} |");
        writer.WriteLine($"| ambiguous | {s.Ambiguous} |");
        writer.WriteLine($"| not found (of which the world holds no recording) | {s.NotFound} ({run.LookedUp.Count(t => !run.Matches.ContainsKey(t.Key) && truth[t.Key].Mbid is null && !IsAmbiguous(run, t, 10))}) |");
        writer.WriteLine($"| requests, 503 answers, seconds | {s.Requests}, {run.TooFast}, {F(Math.Round(s.Seconds, 1))} |");
        writer.WriteLine();
        WritePerturbations(writer, run, Correct);
        WriteSweep(writer, run);
        WriteSample(writer, run, search, sampleSeed);
    }

    private static void WritePerturbations(TextWriter writer, ResolveBenchRun run, Func<string, bool> correct)
    {
        writer.WriteLine("## Outcome per perturbation (tracks looked up)");
        writer.WriteLine();
        writer.WriteLine("| perturbation | tracks | correct | wrong | ambiguous | not found |");
        writer.WriteLine("|---|---|---|---|---|---|");
        foreach (var g in run.LookedUp.GroupBy(t => Label(run.World.Truth[t.Key].Perturbation)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var matched = g.Count(t => run.Matches.ContainsKey(t.Key));
            var good = g.Count(t => correct(t.Key));
            var ambiguous = g.Count(t => !run.Matches.ContainsKey(t.Key) && IsAmbiguous(run, t, MusicBrainzResolveOptions.DefaultScoreMargin));
            writer.WriteLine($"| {g.Key} | {g.Count()} | {good} | {matched - good} | {ambiguous} | {g.Count() - matched - ambiguous} |");
        }

        writer.WriteLine();
    }

    private static void WriteSweep(TextWriter writer, ResolveBenchRun run)
    {
        // Recomputed in process from the same index the server searched: the tracks that went to search (not matched by ISRC).
        var searched = run.LookedUp.Where(t => !(run.Matches.TryGetValue(t.Key, out var m) && m.Method == "id")).ToList();
        var reachable = searched.Count(t => run.World.Truth[t.Key].Mbid is not null);
        writer.WriteLine($"## Score margin sweep (threshold {MusicBrainzResolveOptions.DefaultScoreThreshold}; {searched.Count} tracks searched, {reachable} of them in the world)");
        writer.WriteLine();
        writer.WriteLine("| margin | accepted | correct | precision | ambiguous | recall |");
        writer.WriteLine("|---|---|---|---|---|---|");
        var hits = searched.Select(t => (t.Key, Hits: Hits(run, t))).ToList();
        foreach (var margin in Margins)
        {
            int accepted = 0, good = 0, ambiguous = 0;
            foreach (var (key, h) in hits)
            {
                if (h.Count == 0 || h[0].Score < MusicBrainzResolveOptions.DefaultScoreThreshold)
                {
                    continue;
                }

                if (h.Count > 1 && h[0].Score - h[1].Score < margin)
                {
                    ambiguous++;
                    continue;
                }

                accepted++;
                good += run.World.Truth[key].Mbid == h[0].Recording.Id ? 1 : 0;
            }

            var mark = margin == MusicBrainzResolveOptions.DefaultScoreMargin ? " (default)" : "";
            writer.WriteLine($"| {margin}{mark} | {accepted} | {good} | {Ratio(good, accepted)} | {ambiguous} | {Ratio(good, reachable)} |");
        }

        foreach (var (label, filterFirst) in new[] { ("10, then reject a top hit failing the check", false), ("10 among the hits passing the check", true) })
        {
            int accepted = 0, good = 0, ambiguous = 0;
            foreach (var (key, all) in hits)
            {
                var t = searched.First(x => x.Key == key);
                var h = filterFirst ? all.Where(x => Plausible(t.Title, t.Artist, x.Recording)).ToList() : all.ToList();
                if (h.Count == 0 || h[0].Score < MusicBrainzResolveOptions.DefaultScoreThreshold || (!filterFirst && !Plausible(t.Title, t.Artist, h[0].Recording)))
                {
                    continue;
                }

                if (h.Count > 1 && h[0].Score - h[1].Score < MusicBrainzResolveOptions.DefaultScoreMargin)
                {
                    ambiguous++;
                    continue;
                }

                accepted++;
                good += run.World.Truth[key].Mbid == h[0].Recording.Id ? 1 : 0;
            }

            writer.WriteLine($"| {label} | {accepted} | {good} | {Ratio(good, accepted)} | {ambiguous} | {Ratio(good, reachable)} |");
        }

        writer.WriteLine();
        writer.WriteLine("The check (not in the resolver): the hit's first credited name equals the searched artist, and its title adds none of the " +
            "version words " + string.Join(", ", VersionWords) + " to the track's title. These words are the world's own version suffixes, so its figures are an upper bound.");
        writer.WriteLine();
    }

    private static void WriteSample(TextWriter writer, ResolveBenchRun run, List<(string Key, string Title, string? Artist, string? Isrc)> search, int seed)
    {
        var random = new Random(seed);
        var accepted = search.OrderBy(_ => random.Next()).Take(20).ToList();
        var ambiguous = run.LookedUp.Where(t => !run.Matches.ContainsKey(t.Key) && IsAmbiguous(run, t, MusicBrainzResolveOptions.DefaultScoreMargin))
            .OrderBy(_ => random.Next()).Take(10).ToList();
        writer.WriteLine($"## Hand-check sample (seed {seed}): 20 accepted search matches");
        writer.WriteLine();
        writer.WriteLine("| # | store: artist — title | matched: artist — title (score) | runner-up (score) |");
        writer.WriteLine("|---|---|---|---|");
        var n = 0;
        foreach (var t in accepted)
        {
            var h = Hits(run, t);
            var r = run.World.ById[run.Matches[t.Key].Mbid];
            writer.WriteLine($"| {++n} | {t.Artist} — {t.Title} | {Name(r)} ({h.FirstOrDefault(x => x.Recording.Id == r.Id).Score}) | {(h.Count > 1 ? $"{Name(h[1].Recording)} ({h[1].Score})" : "—")} |");
        }

        writer.WriteLine();
        writer.WriteLine("## Hand-check sample: 10 ambiguous tracks");
        writer.WriteLine();
        writer.WriteLine("| # | store: artist — title | top hit (score) | runner-up (score) |");
        writer.WriteLine("|---|---|---|---|");
        n = 0;
        foreach (var t in ambiguous)
        {
            var h = Hits(run, t);
            writer.WriteLine($"| {++n} | {t.Artist} — {t.Title} | {Name(h[0].Recording)} ({h[0].Score}) | {Name(h[1].Recording)} ({h[1].Score}) |");
        }

        writer.WriteLine();
        writer.WriteLine("Ground truth of the sample rows (for comparing the hand check afterwards):");
        writer.WriteLine("  accepted: " + string.Join(", ", accepted.Select((t, i) => $"{i + 1} {(run.World.Truth[t.Key].Mbid == run.Matches[t.Key].Mbid ? "correct" : "WRONG")} [{Label(run.World.Truth[t.Key].Perturbation)}]")));
        writer.WriteLine("  ambiguous: " + string.Join(", ", ambiguous.Select((t, i) => $"{i + 1} {Side(run, t)} [{Label(run.World.Truth[t.Key].Perturbation)}]")));
    }

    private static string Side(ResolveBenchRun run, (string Key, string Title, string? Artist, string? Isrc) t)
    {
        var h = Hits(run, t);
        var mbid = run.World.Truth[t.Key].Mbid;
        return mbid is null ? "none-correct" : h[0].Recording.Id == mbid ? "top-correct" : h[1].Recording.Id == mbid ? "second-correct" : "neither";
    }

    private static readonly string[] VersionWords = ["live", "remix", "acoustic", "extended", "mix", "version", "wembley"];

    private static bool Plausible(string title, string? artist, FakeRecording r)
    {
        if (artist is not null && !FakeMbSearchIndex.Tokens(r.Credits[0].Name).SequenceEqual(FakeMbSearchIndex.Tokens(artist)))
        {
            return false;
        }

        var own = FakeMbSearchIndex.Tokens(title).ToHashSet(StringComparer.Ordinal);
        return !FakeMbSearchIndex.Tokens(r.Title).Any(t => !own.Contains(t) && VersionWords.Contains(t));
    }

    private static bool IsAmbiguous(ResolveBenchRun run, (string Key, string Title, string? Artist, string? Isrc) t, int margin)
    {
        var h = Hits(run, t);
        return h.Count > 1 && h[0].Score >= MusicBrainzResolveOptions.DefaultScoreThreshold && h[0].Score - h[1].Score < margin;
    }

    private static IReadOnlyList<(FakeRecording Recording, int Score)> Hits(ResolveBenchRun run, (string Key, string Title, string? Artist, string? Isrc) t) =>
        run.World.Index.Search(t.Title, string.IsNullOrWhiteSpace(t.Artist) ? null : t.Artist);

    private static string Label(FakePerturbation p) =>
        p.Variant.ToString().ToLowerInvariant()
        + (p.NearDuplicate >= 0 ? " + version" : "")
        + (p.Cover == FakeCover.Tribute ? " + tribute cover" : p.Cover == FakeCover.OtherArtist ? " + cover" : "");

    private static string Name(FakeRecording r) => string.Concat(r.Credits.Select(c => c.Name + c.JoinPhrase)) + " — " + r.Title;

    private static string Ratio(int a, int b) => b == 0 ? "n/a (0)" : $"{Pct((double)a / b)} ({a}/{b})";

    private static string Pct(double x) => (100 * x).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static string F(double x) => x.ToString(CultureInfo.InvariantCulture);
}
