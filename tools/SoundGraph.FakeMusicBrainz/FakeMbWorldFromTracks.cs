namespace SoundGraph.FakeMusicBrainz;

/// <summary>How the recording of a store track appears in a world made by <see cref="FakeMbWorld.FromTracks"/>.</summary>
public enum FakeVariant
{
    /// <summary>No recording of the track: the correct answer is "none".</summary>
    Absent,

    /// <summary>Same title and artist.</summary>
    Exact,

    /// <summary>The title with a suffix from <see cref="FakeMbWorld.TitleSuffixes"/> (a feat. suffix also credits the guest).</summary>
    Suffix,

    /// <summary>The title respelled: <see cref="FakeMbWorld.Respellings"/> (case, punctuation, diacritics, "&amp;"/"and").</summary>
    Respelled,
}

/// <summary>A same-title recording by another artist, a distractor.</summary>
public enum FakeCover
{
    /// <summary>No cover.</summary>
    None,

    /// <summary>A cover by a made-up artist ("Synthetic Cover Artist n"): its credit never matches the track's artist.</summary>
    OtherArtist,

    /// <summary>A cover by "{artist} Tribute Band": the artist phrase matches inside the credit, as tribute acts do on MusicBrainz.</summary>
    Tribute,
}

/// <summary>The perturbations of one store track's recordings.</summary>
/// <param name="Variant">How the track's own recording appears, or that it is absent.</param>
/// <param name="Detail">Index into <see cref="FakeMbWorld.TitleSuffixes"/> or <see cref="FakeMbWorld.Respellings"/>.</param>
/// <param name="Cover">A same-title cover by another artist.</param>
/// <param name="NearDuplicate">Index into <see cref="FakeMbWorld.VersionSuffixes"/> of a second version by the same artist, or −1 for none.</param>
/// <param name="IsrcPresent">The recording carries the track's ISRC (only when the track has one and is not absent).</param>
public sealed record FakePerturbation(FakeVariant Variant, int Detail = 0, FakeCover Cover = FakeCover.None, int NearDuplicate = -1, bool IsrcPresent = false);

/// <summary>Ground truth of one store track in a world made by <see cref="FakeMbWorld.FromTracks"/>.</summary>
/// <param name="Key">The store track's key.</param>
/// <param name="Mbid">The recording that is the track, or null when the world has none.</param>
/// <param name="Perturbation">How its recordings were made.</param>
public sealed record FakeTruth(string Key, Guid? Mbid, FakePerturbation Perturbation);

/// <summary>A SYNTHETIC world seeded from a store's tracks.</summary>
public sealed partial class FakeMbWorld
{
    /// <summary>Suffixes of <see cref="FakeVariant.Suffix"/>; "{0}" is a guest artist (another artist of the store).</summary>
    public static IReadOnlyList<string> TitleSuffixes { get; } = [" - Remastered 2011", " (Radio Edit)", " (feat. {0})"];

    /// <summary>Respellings of <see cref="FakeVariant.Respelled"/>: upper case, punctuation removed, diacritics added, "&amp;" ↔ "and".</summary>
    public static IReadOnlyList<string> Respellings { get; } = ["case", "punctuation", "diacritics", "ampersand"];

    /// <summary>Suffixes of a same-artist second version (live, remix…), a near-duplicate distractor.</summary>
    public static IReadOnlyList<string> VersionSuffixes { get; } = [" (Live)", " - Live at Wembley", " (Remix)", " - Acoustic Version", " (Extended Mix)"];

    /// <summary>A SYNTHETIC world seeded from real track names: for each distinct (artist, title) of the tracks, the recording
    /// MusicBrainz would plausibly hold, perturbed by a seeded draw (10 % absent, 35 % exact, 25 % with a title suffix, 30 %
    /// respelled; independently 25 % a same-title cover, a third of them by a tribute act; 25 % a same-artist live/remix
    /// version; 80 % of tracks with an ISRC have it on their recording). Tracks sharing artist and title share one recording
    /// (one recording on several releases). Ids are random (seeded), ISRCs only the tracks' own, tags "synthetic".
    /// <see cref="Truth"/> maps every track key to its correct recording or none; searches use <see cref="FakeMbScoring.Lucene"/>.</summary>
    /// <param name="tracks">Store tracks: key, title, primary artist (may be null), ISRC (may be null).</param>
    /// <param name="seed">Seed of the draws and ids.</param>
    /// <param name="plan">Overrides the draw for a track (by the key of the first track of its artist + title); null draws all.</param>
    /// <returns>The world.</returns>
    public static FakeMbWorld FromTracks(IEnumerable<(string Key, string Title, string? Artist, string? Isrc)> tracks, int seed, Func<string, FakePerturbation?>? plan = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var random = new Random(seed);
        var groups = tracks.Where(t => !string.IsNullOrWhiteSpace(t.Title))
            .GroupBy(t => (string.Join(' ', FakeMbSearchIndex.Tokens(t.Artist ?? "")), string.Join(' ', FakeMbSearchIndex.Tokens(t.Title))))
            .ToList();
        var artistNames = groups.Select(g => g.First().Artist).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var artistIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        Guid ArtistId(string name) => artistIds.TryGetValue(name, out var id) ? id : artistIds[name] = NewGuid(random);
        FakeCredit Credit(string name, string join = "") => new(name, join, ArtistId(name), name);
        var recordings = new List<FakeRecording>();
        var truth = new Dictionary<string, FakeTruth>(StringComparer.Ordinal);
        FakeRecording Add(string title, IReadOnlyList<FakeCredit> credits, IReadOnlyList<string> isrcs)
        {
            var r = new FakeRecording(NewGuid(random), title, 150_000 + random.Next(150_000), credits, isrcs, [("synthetic", 1)], [], "Synthetic Release");
            recordings.Add(r);
            return r;
        }

        foreach (var group in groups)
        {
            var first = group.First();
            var artist = first.Artist ?? "[unknown]";
            var isrc = group.Select(t => t.Isrc).FirstOrDefault(i => !string.IsNullOrWhiteSpace(i))?.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
            // Every draw is taken whether used or not, so one track's plan does not shift the others'.
            double v = random.NextDouble(), c = random.NextDouble(), n = random.NextDouble(), i = random.NextDouble();
            int detail = random.Next(12), version = random.Next(VersionSuffixes.Count), guest = random.Next(Math.Max(1, artistNames.Count));
            var drawn = new FakePerturbation(
                v < 0.10 ? FakeVariant.Absent : v < 0.45 ? FakeVariant.Exact : v < 0.70 ? FakeVariant.Suffix : FakeVariant.Respelled,
                v < 0.70 ? detail % TitleSuffixes.Count : detail % Respellings.Count,
                c >= 0.25 ? FakeCover.None : c < 0.25 / 3 ? FakeCover.Tribute : FakeCover.OtherArtist,
                n < 0.25 ? version : -1,
                isrc is not null && i < 0.8);
            var p = plan?.Invoke(first.Key) ?? drawn;
            Guid? mbid = null;
            if (p.Variant != FakeVariant.Absent)
            {
                var title = first.Title;
                IReadOnlyList<FakeCredit> credits = [Credit(artist)];
                if (p.Variant == FakeVariant.Suffix)
                {
                    var guestName = artistNames.Count == 0 ? "Guest" : artistNames[guest % artistNames.Count];
                    var suffix = TitleSuffixes[p.Detail % TitleSuffixes.Count];
                    if (suffix.Contains("feat.", StringComparison.Ordinal) && (guestName == artist || title.Contains("feat.", StringComparison.OrdinalIgnoreCase)))
                    {
                        suffix = TitleSuffixes[0];
                    }

                    title += string.Format(System.Globalization.CultureInfo.InvariantCulture, suffix, guestName);
                    if (suffix.Contains("feat.", StringComparison.Ordinal))
                    {
                        credits = [Credit(artist, " feat. "), Credit(guestName)];
                    }
                }
                else if (p.Variant == FakeVariant.Respelled)
                {
                    title = Respell(title, p.Detail % Respellings.Count);
                }

                mbid = Add(title, credits, p.IsrcPresent && isrc is not null ? [isrc] : []).Id;
            }

            if (p.NearDuplicate >= 0)
            {
                Add(first.Title + VersionSuffixes[p.NearDuplicate % VersionSuffixes.Count], [Credit(artist)], []);
            }

            if (p.Cover != FakeCover.None)
            {
                var coverArtist = p.Cover == FakeCover.Tribute
                    ? artist + " Tribute Band"
                    : "Synthetic Cover Artist " + (recordings.Count % 97).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Add(first.Title, [Credit(coverArtist)], []);
            }

            foreach (var t in group)
            {
                truth[t.Key] = new FakeTruth(t.Key, mbid, p);
            }
        }

        return new FakeMbWorld(recordings, FakeMbScoring.Lucene, truth);
    }

    /// <summary>Applies respelling <paramref name="kind"/> (an index into <see cref="Respellings"/>) to a title; a respelling
    /// that would not change it falls back to upper case.</summary>
    /// <param name="title">The title.</param>
    /// <param name="kind">0 upper case, 1 punctuation removed, 2 diacritics added, 3 "&amp;" ↔ "and".</param>
    /// <returns>The respelled title.</returns>
    public static string Respell(string title, int kind)
    {
        ArgumentNullException.ThrowIfNull(title);
        var result = kind switch
        {
            1 => new string(title.Where(ch => !char.IsPunctuation(ch) || ch == '(' || ch == ')').ToArray()),
            2 => AddDiacritic(title),
            3 => title.Contains(" & ", StringComparison.Ordinal) ? title.Replace(" & ", " and ", StringComparison.Ordinal)
                : title.Contains(" and ", StringComparison.OrdinalIgnoreCase) ? title.Replace(" and ", " & ", StringComparison.OrdinalIgnoreCase) : title,
            _ => title,
        };
        return result == title ? title.ToUpperInvariant() : result;
    }

    private static string AddDiacritic(string title)
    {
        var at = title.IndexOfAny(['e', 'o', 'a']);
        if (at < 0)
        {
            return title;
        }

        var marked = title[at] switch { 'e' => 'é', 'o' => 'ö', _ => 'á' };
        return string.Concat(title.AsSpan(0, at), marked.ToString(), title.AsSpan(at + 1));
    }
}
