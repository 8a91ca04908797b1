using System.Globalization;
using System.Text;

namespace SoundGraph.FakeMusicBrainz;

/// <summary>How a fake world scores <c>recording?query=</c> searches.</summary>
public enum FakeMbScoring
{
    /// <summary>The hand-made tests' simplification: equal title 70, containing title 40, plus 30 for the artist.</summary>
    Simple,

    /// <summary>An imitation of MusicBrainz's Lucene scoring (<see cref="FakeMbSearchIndex"/>).</summary>
    Lucene,
}

/// <summary>A deterministic imitation of MusicBrainz's Lucene recording search for <c>recording:"…" AND artist:"…"</c>.</summary>
/// <remarks>Titles and artist credits are analysed as MusicBrainz's index does, roughly: Unicode decomposition with the
/// diacritics dropped (ASCII folding), lower case, apostrophes removed, every other non-letter/digit a token separator. A
/// phrase matches a field when its tokens occur there consecutively (slop 0); with an artist phrase both must match (AND).
/// The artist field is the whole credit ("A feat. B") or any credited artist's name. A field's score is classic Lucene
/// TF-IDF: √(phrase frequency) × Σ idf(token) × 1/√(tokens in the field), idf = 1 + ln(N / (df + 1)) over the world's
/// recordings; a hit's raw score is title + artist. As MusicBrainz reports it, the top hit scores 100 and every other hit
/// round(100 × raw / top raw). Ties are ordered by id.</remarks>
public sealed class FakeMbSearchIndex
{
    private readonly IReadOnlyList<FakeRecording> _recordings;
    private readonly string[][] _titles;
    private readonly string[][][] _artists;
    private readonly Dictionary<string, List<int>> _titlePostings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _titleDf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _artistDf = new(StringComparer.Ordinal);

    /// <summary>Indexes the recordings.</summary>
    /// <param name="recordings">The world's recordings.</param>
    public FakeMbSearchIndex(IReadOnlyList<FakeRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        _recordings = recordings;
        _titles = new string[recordings.Count][];
        _artists = new string[recordings.Count][][];
        for (var i = 0; i < recordings.Count; i++)
        {
            var r = recordings[i];
            _titles[i] = Tokens(r.Title);
            var credit = string.Concat(r.Credits.Select(c => c.Name + c.JoinPhrase));
            _artists[i] = [Tokens(credit), .. r.Credits.Select(c => Tokens(c.ArtistName))];
            foreach (var t in _titles[i].Distinct(StringComparer.Ordinal))
            {
                _titleDf[t] = _titleDf.GetValueOrDefault(t) + 1;
                if (!_titlePostings.TryGetValue(t, out var list))
                {
                    _titlePostings[t] = list = [];
                }

                list.Add(i);
            }

            foreach (var t in _artists[i].SelectMany(a => a).Distinct(StringComparer.Ordinal))
            {
                _artistDf[t] = _artistDf.GetValueOrDefault(t) + 1;
            }
        }
    }

    /// <summary>The hits of <c>recording:"title" [AND artist:"artist"]</c>, best first, scores 0–100 (the top one 100).</summary>
    /// <param name="title">The recording phrase as given (unanalysed).</param>
    /// <param name="artist">The artist phrase, or null.</param>
    /// <returns>The hits.</returns>
    public IReadOnlyList<(FakeRecording Recording, int Score)> Search(string title, string? artist)
    {
        ArgumentNullException.ThrowIfNull(title);
        var q = Tokens(title);
        var a = artist is null ? null : Tokens(artist);
        if (q.Length == 0 || q.Any(t => !_titlePostings.ContainsKey(t)))
        {
            return [];
        }

        var rarest = q.MinBy(t => _titlePostings[t].Count)!;
        var raw = new List<(int Index, double Raw)>();
        foreach (var i in _titlePostings[rarest])
        {
            var titleScore = FieldScore(q, _titles[i], _titleDf);
            if (titleScore == 0)
            {
                continue;
            }

            var artistScore = 0.0;
            if (a is { Length: > 0 })
            {
                artistScore = _artists[i].Max(field => FieldScore(a, field, _artistDf));
                if (artistScore == 0)
                {
                    continue;
                }
            }

            raw.Add((i, titleScore + artistScore));
        }

        if (raw.Count == 0)
        {
            return [];
        }

        var top = raw.Max(h => h.Raw);
        return raw
            .Select(h => (Recording: _recordings[h.Index], Score: (int)Math.Round(100 * h.Raw / top, MidpointRounding.AwayFromZero), h.Raw))
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.Raw).ThenBy(h => h.Recording.Id)
            .Select(h => (h.Recording, h.Score))
            .ToList();
    }

    /// <summary>The analysed tokens of a text: diacritics dropped, lower case, apostrophes removed, split at every other
    /// non-letter/digit.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The tokens in order.</returns>
    public static string[] Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue;
            }

            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private double FieldScore(string[] phrase, string[] field, Dictionary<string, int> df)
    {
        var freq = 0;
        for (var s = 0; s + phrase.Length <= field.Length; s++)
        {
            if (field.AsSpan(s, phrase.Length).SequenceEqual(phrase))
            {
                freq++;
            }
        }

        if (freq == 0)
        {
            return 0;
        }

        var idf = phrase.Sum(t => 1 + Math.Log((double)_recordings.Count / (df.GetValueOrDefault(t) + 1)));
        return Math.Sqrt(freq) * idf / Math.Sqrt(field.Length);
    }
}
