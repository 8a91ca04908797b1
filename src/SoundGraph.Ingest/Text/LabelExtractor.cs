using System.Collections.Frozen;
using System.Text.RegularExpressions;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Text;

/// <summary>Finds record label names in a SoundCloud track's fields and description.</summary>
/// <remarks>
/// <para>Sources, most reliable first: <c>label_name</c>, <c>publisher_metadata.publisher</c>,
/// <c>publisher_metadata.p_line</c>, then the description. Each field is cleaned: "℗", "©", "Ⓟ", "(P)", "(C)",
/// "Copyright" and years ("2019", "2018-2019") are removed; "X under exclusive licence to Y" / "exclusively licensed to
/// Y" keeps the licensee Y (the label; X is often the artist), "… is owned by Y" keeps Y; ", a division of …",
/// "for the United States / world / territory …", "distributed by …", "under licence from …" and "All rights reserved"
/// are cut off; a trailing company form ("Ltd", "Limited", "Inc", "LLC", "GmbH", "B.V.",
/// "Pty", "PLC") is dropped; what is left must be at most six words (a longer text is a sentence, not a name).
/// "℗ 2019 Ninja Tune Ltd." → "Ninja Tune". A value that says there is no label ("Independent",
/// "Self-released", "Unsigned", "None", "N/A") gives nothing.</para>
/// <para>The description is read case-insensitively for, in this order: a "Label: X" line; "out now on X", "out on X",
/// "available now on X", "released on/via X", "signed to X"; then "X Records", "X Recordings", "X Music" where X is one to
/// three words that do not start lower-case (a capitalised run, "Hospital Records"; "Out now on" and similar words
/// are not part of it). A phrase's name ends at a line break, sentence end, ",", ";", "|", a bracket, " - ", " / ", a URL
/// or a lower-case joining word ("and", "on", "in", "for", …). Names that are stores, platforms, formats or dates
/// ("out now on Spotify", "on all platforms", "on vinyl", "released on Friday") and "X Music" phrases made only of
/// generic words ("Apple Music", "Dance Music", "New Music") give nothing. Bracketed catalogue numbers ("[NINJA123]")
/// are never read as labels. A leading "@" is dropped ("out now on @ninjatune" → "ninjatune", which
/// <see cref="Matches"/> equates with "Ninja Tune").</para>
/// <para>Names are returned once each: two names whose <see cref="Matches"/> keys are equal are one label (the
/// first spelling is kept), so "Ninja Tune" and "NINJA TUNE Records" are one.</para>
/// <para>Limits: a p-line that names the artist as rights holder ("℗ 2019 Some Artist") returns the artist's name, since
/// the text does not say which it is. Labels written in lower case inside running text are found only by the "out now
/// on"-style phrases and "Label:" lines. English phrasing only.</para>
/// </remarks>
public static partial class LabelExtractor
{
    private static readonly FrozenSet<string> NoLabel = FrozenSet.ToFrozenSet(
        ["independent", "self released", "self release", "unsigned", "none", "n a", "na", "unknown", "not on label", "no label", "various"],
        StringComparer.Ordinal);

    /// <summary>Normalized first words (or whole names) that are stores, platforms, formats, dates or pronouns, not labels.</summary>
    private static readonly FrozenSet<string> NotLabelStarts = FrozenSet.ToFrozenSet(
        [
            "spotify", "apple", "itunes", "beatport", "bandcamp", "soundcloud", "youtube", "deezer", "tidal", "amazon", "google",
            "traxsource", "juno", "junodownload", "napster", "pandora", "anghami", "all", "every", "any", "streaming",
            "vinyl", "cd", "cds", "cassette", "tape", "digital", "limited", "pre", "preorder", "my", "our", "his", "her",
            "their", "your", "this", "the", "a", "an", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "today", "tomorrow", "now", "link", "bio", "stores", "platforms",
        ],
        StringComparer.Ordinal);

    /// <summary>Words that make an "X Music" / "X Records" phrase generic when all of X is made of them.</summary>
    private static readonly FrozenSet<string> GenericWords = FrozenSet.ToFrozenSet(
        [
            "apple", "amazon", "youtube", "google", "play", "spotify", "deezer", "tidal", "soundcloud", "new", "good", "more",
            "free", "live", "dance", "house", "electronic", "edm", "pop", "rock", "classical", "ambient", "film", "video",
            "game", "techno", "trance", "bass", "world", "indie", "country", "sheet", "background", "copyright", "no",
            "royalty", "relaxing", "study", "chill", "lofi", "lo", "fi", "hip", "hop", "rap", "my", "our", "your", "the",
            "best", "old", "all", "great", "real", "latest", "original", "club", "deep", "tech", "drum", "and",
        ],
        StringComparer.Ordinal);

    /// <summary>Words that end a capitalised "X Records" run going backwards ("Out Now On Ninja Tune Records").</summary>
    private static readonly FrozenSet<string> RunStops = FrozenSet.ToFrozenSet(
        [
            "on", "now", "out", "via", "by", "from", "at", "to", "in", "for", "with", "my", "our", "your", "new", "free",
            "is", "are", "released", "release", "label", "signed", "all", "check", "listen", "stream", "buy", "download",
            "get", "the", "and", "a", "an", "of", "available", "thanks", "support",
        ],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> LabelSuffixes = FrozenSet.ToFrozenSet(
        ["records", "recordings", "recording", "music", "recs", "label", "ltd", "limited", "inc", "llc", "gmbh"],
        StringComparer.Ordinal);

    private static readonly string[] JoinedSuffixes = ["recordings", "records", "music"];

    /// <summary>The label names a track's fields and description give.</summary>
    /// <param name="labelName">SoundCloud <c>label_name</c>.</param>
    /// <param name="publisher">SoundCloud <c>publisher_metadata.publisher</c>.</param>
    /// <param name="pLine">SoundCloud <c>publisher_metadata.p_line</c> ("℗ 2019 Ninja Tune").</param>
    /// <param name="description">The track description.</param>
    /// <returns>Distinct label names, most reliable source first (rules on <see cref="LabelExtractor"/>); empty when none.
    /// Any argument may be null.</returns>
    public static IReadOnlyList<string> Extract(string? labelName, string? publisher, string? pLine, string? description)
    {
        var result = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? name)
        {
            if (name is not null && keys.Add(Key(name)))
            {
                result.Add(name);
            }
        }

        Add(CleanField(labelName));
        Add(CleanField(publisher));
        Add(CleanField(pLine));
        if (!string.IsNullOrWhiteSpace(description))
        {
            foreach (Match m in LabelLine().Matches(description))
            {
                Add(PhraseName(description, m.Groups["x"].Index));
            }

            foreach (Match m in ReleasePhrase().Matches(description))
            {
                Add(PhraseName(description, m.Index + m.Length));
            }

            foreach (Match m in LabelSuffix().Matches(description))
            {
                Add(SuffixName(description, m));
            }
        }

        return result;
    }

    /// <summary>True when two label names are the same label: equal after <see cref="NameNormalizer.Normalize"/>
    /// (case, accents, punctuation, "&amp;" = "and"), with trailing "Records", "Recordings", "Music", "Recs", "Label", "Ltd",
    /// "Inc", "LLC", "GmbH" words dropped, spaces ignored, and a "records" / "recordings" / "music" written joined on
    /// dropped too ("Ninja Tune" = "NINJA TUNE Records" = "ninjatune", "spinninrecords" = "Spinnin' Records",
    /// "Spinnin' Records" = "Spinnin Recordings"). Blank names match nothing.</summary>
    /// <param name="candidateLabel">A label name found somewhere.</param>
    /// <param name="label">A known label name.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>Limit: "Warp" and "Warp Records" match, and so would two different labels whose names differ only by
    /// such a suffix.</remarks>
    public static bool Matches(string candidateLabel, string label)
    {
        ArgumentNullException.ThrowIfNull(candidateLabel);
        ArgumentNullException.ThrowIfNull(label);
        var key = Key(candidateLabel);
        return key.Length > 0 && string.Equals(key, Key(label), StringComparison.Ordinal);
    }

    private static string Key(string name)
    {
        var words = NameNormalizer.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && LabelSuffixes.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        // A permalink writes the suffix joined on ("spinninrecords").
        var key = string.Concat(words);
        foreach (var suffix in JoinedSuffixes)
        {
            if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
            {
                return key[..^suffix.Length];
            }
        }

        return key;
    }

    /// <summary>Cleans a label field or p-line (rules on <see cref="LabelExtractor"/>); null when nothing is left.</summary>
    private static string? CleanField(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var s = value;
        var licensee = Licensee().Match(s);
        if (licensee.Success)
        {
            s = licensee.Groups["x"].Value;
        }

        s = CutOff().Replace(s, string.Empty);
        s = RightsMarks().Replace(s, " ");
        s = Years().Replace(s, " ");
        string before;
        do
        {
            before = s;
            s = TrimPunctuation(CompanyForm().Replace(TrimPunctuation(s), string.Empty));
        }
        while (s != before);

        s = Spaces().Replace(s, " ");
        return s.Count(c => c == ' ') >= 6 ? null : Accept(s);
    }

    /// <summary>The name a description phrase starts at <paramref name="start"/>, up to its terminator.</summary>
    private static string? PhraseName(string text, int start)
    {
        var end = PhraseEnd().Match(text, start);
        var name = text[start..(end.Success ? end.Index : text.Length)].TrimStart('@');
        name = TrimPunctuation(name);
        var words = NameNormalizer.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > 5 || NotLabelStarts.Contains(words[0]) || char.IsDigit(words[0][0]))
        {
            return null;
        }

        return Accept(name);
    }

    /// <summary>"X Records": one to three capitalised words before the suffix, stopping at <see cref="RunStops"/>.</summary>
    private static string? SuffixName(string text, Match suffix)
    {
        var start = suffix.Index;
        var words = 0;
        while (words < 3)
        {
            var wordEnd = start;
            while (wordEnd > 0 && text[wordEnd - 1] is ' ' or '\t')
            {
                wordEnd--;
            }

            var wordStart = wordEnd;
            while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && "[](){}|,;:".IndexOf(text[wordStart - 1], StringComparison.Ordinal) < 0)
            {
                wordStart--;
            }

            if (wordEnd == start || wordStart == wordEnd)
            {
                break;
            }

            var word = text[wordStart..wordEnd];
            var key = NameNormalizer.Normalize(word);
            if (key.Length == 0 || char.IsLower(word[0]) || RunStops.Contains(key))
            {
                break;
            }

            start = wordStart;
            words++;
        }

        if (words == 0)
        {
            return null;
        }

        var name = text[start..(suffix.Index + suffix.Length)];
        var nameWords = NameNormalizer.Normalize(text[start..suffix.Index]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return nameWords.All(GenericWords.Contains) ? null : Accept(name);
    }

    private static string? Accept(string name)
    {
        var trimmed = TrimPunctuation(name);
        var key = NameNormalizer.Normalize(trimmed);
        return key.Length == 0 || NoLabel.Contains(key) ? null : trimmed;
    }

    private static string TrimPunctuation(string s) => s.Trim().Trim(',', '.', ';', ':', '-', '–', '—', '/', '|', '"', '“', '”', '*', '!', '?').Trim();

    [GeneratedRegex(@"(?:under\s+(?:an?\s+)?(?:exclusive\s+)?licen[cs]e\s+to|(?:exclusively\s+)?licensed\s+to|(?:is\s+)?owned\s+by)\s+(?<x>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Licensee();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:a\s+division\s+of|for\s+the\s+(?:united|world|us|uk|usa|territor)|distributed\s+by|marketed\s+by|all\s+rights\s+reserved|under\s+(?:an?\s+)?(?:exclusive\s+)?licen[cs]e\s+from)\b.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CutOff();

    [GeneratedRegex(@"[℗©Ⓟ]|\((?:p|c)\)|^\s*(?:phonographic\s+)?copyright\b|^\s*p(?=\s+(?:19|20)\d\d\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RightsMarks();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?(?![\p{L}\p{N}])")]
    private static partial Regex Years();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:ltd|limited|llc|inc|gmbh|b\.\s?v|bv|s\.\s?a|pty|plc|corp)\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompanyForm();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[ \t]*(?:record[ \t]+)?label[ \t]*[:\-–][ \t]*(?<x>\S)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:out(?:\s+now)?|now\s+out|available(?:\s+now)?|(?:re-?)?released|signed)\s+(?:on|via|through|thru|to)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReleasePhrase();

    [GeneratedRegex(@"[\r\n,;|()\[\]{}]|(?<=[\p{L}\p{N}]{3})\.(?=\s|$)|[!?](?=\s|$)|\s[-–—/]\s|(?i:https?://|www\.)|\s+(?:and|on|in|at|for|from|via|as|with|by|to|out|now|is)(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex PhraseEnd();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:records|recordings|music)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelSuffix();
}
