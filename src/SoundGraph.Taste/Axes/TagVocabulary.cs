namespace SoundGraph.Taste.Axes;

/// <summary>The tag vocabulary and TF-IDF weighting the tag model's features are made of.</summary>
/// <remarks>
/// <para>Tags are trimmed and lower-cased (Last.fm compares tags case-insensitively); repeats within an item are summed;
/// weights ≤ 0 or non-finite and empty tags are dropped.</para>
/// <para>Vocabulary: the tags carried (weight &gt; 0) by at least a minimum number of the N documents (document frequency
/// df), sorted ordinally. idf = ln((1 + N) / (1 + df)) + 1: ln(N / df) with document smoothing (as if one extra document
/// held every tag) plus one, so a tag every item carries still passes its tf on; this is scikit-learn's
/// <c>TfidfTransformer(smooth_idf=True)</c>.</para>
/// <para>tf: an item's weight of the tag divided by the item's total weight over in-vocabulary tags (tf sums to 1 over
/// those), so a tag outside the vocabulary neither adds a feature nor shrinks the others; how much of an item's tag mass
/// the vocabulary covers is reported separately as its coverage. Feature = tf · idf. No L2 row normalisation.</para>
/// </remarks>
public sealed class TagVocabulary
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _tags;
    private readonly int[] _documentFrequency;
    private readonly double[] _idf;

    private TagVocabulary(int documentCount, string[] tags, int[] documentFrequency)
    {
        DocumentCount = documentCount;
        _tags = tags;
        _documentFrequency = documentFrequency;
        _idf = documentFrequency.Select(df => Math.Log((1.0 + documentCount) / (1.0 + df)) + 1).ToArray();
        _index = new Dictionary<string, int>(tags.Length, StringComparer.Ordinal);
        for (var j = 0; j < tags.Length; j++)
        {
            _index[tags[j]] = j;
        }
    }

    /// <summary>The number of documents N the frequencies were counted over (those with at least one usable tag).</summary>
    public int DocumentCount { get; }

    /// <summary>The vocabulary, normalised (trimmed, lower case), sorted ordinally; the feature order.</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>Counts document frequencies over <paramref name="documents"/> and keeps the tags with
    /// df ≥ <paramref name="minDocumentFrequency"/>.</summary>
    /// <param name="documents">Each document's tag → weight.</param>
    /// <param name="minDocumentFrequency">Smallest df kept, ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minDocumentFrequency"/> &lt; 1.</exception>
    public static TagVocabulary Build(IEnumerable<IReadOnlyDictionary<string, double>> documents, int minDocumentFrequency)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDocumentFrequency, 1);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var document in documents)
        {
            var tags = Normalise(document);
            if (tags.Count == 0)
            {
                continue;
            }

            n++;
            foreach (var tag in tags.Keys)
            {
                df[tag] = df.GetValueOrDefault(tag) + 1;
            }
        }

        var kept = df.Where(p => p.Value >= minDocumentFrequency).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        return new TagVocabulary(n, kept.Select(p => p.Key).ToArray(), kept.Select(p => p.Value).ToArray());
    }

    /// <summary>The feature index of <paramref name="tag"/> (normalised first), or −1 when it is not in the vocabulary.</summary>
    public int IndexOf(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return _index.TryGetValue(NormaliseTag(tag), out var j) ? j : -1;
    }

    /// <summary>The document frequency of the tag at <paramref name="index"/>.</summary>
    public int DocumentFrequency(int index) => _documentFrequency[index];

    /// <summary>The idf of the tag at <paramref name="index"/>: ln((1 + N) / (1 + df)) + 1.</summary>
    public double Idf(int index) => _idf[index];

    /// <summary>An item's TF-IDF features by tag, and the share of its tag mass the vocabulary covers.</summary>
    /// <param name="tags">The item's tag → weight.</param>
    /// <returns>In-vocabulary tag → tf · idf (empty when none is in the vocabulary), and coverage = in-vocabulary weight
    /// over total usable weight, 0–1 (0 for an item without usable tags).</returns>
    public (IReadOnlyDictionary<string, double> Features, double Coverage) Weigh(IReadOnlyDictionary<string, double> tags)
    {
        var (indices, values, coverage) = Vectorize(tags);
        var features = new Dictionary<string, double>(indices.Length, StringComparer.Ordinal);
        for (var k = 0; k < indices.Length; k++)
        {
            features[_tags[indices[k]]] = values[k];
        }

        return (features, coverage);
    }

    /// <summary>The item's features as sorted feature indices and tf · idf values, with its coverage.</summary>
    internal (int[] Indices, double[] Values, double Coverage) Vectorize(IReadOnlyDictionary<string, double> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var normalised = Normalise(tags);
        var total = normalised.Values.Sum();
        var known = normalised.Select(p => (Index: _index.GetValueOrDefault(p.Key, -1), Weight: p.Value))
            .Where(p => p.Index >= 0).OrderBy(p => p.Index).ToArray();
        var inVocabulary = known.Sum(p => p.Weight);
        if (known.Length == 0 || inVocabulary <= 0)
        {
            return ([], [], 0);
        }

        var values = known.Select(p => p.Weight / inVocabulary * _idf[p.Index]).ToArray();
        return (known.Select(p => p.Index).ToArray(), values, Math.Min(1, inVocabulary / total));
    }

    /// <summary>Trimmed, lower-cased tags with repeats summed; unusable entries dropped.</summary>
    internal static Dictionary<string, double> Normalise(IReadOnlyDictionary<string, double> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var result = new Dictionary<string, double>(tags.Count, StringComparer.Ordinal);
        foreach (var (tag, weight) in tags)
        {
            if (tag is null || !double.IsFinite(weight) || weight <= 0)
            {
                continue;
            }

            var key = NormaliseTag(tag);
            if (key.Length > 0)
            {
                result[key] = result.GetValueOrDefault(key) + weight;
            }
        }

        return result;
    }

    // Lower case on purpose (CA1308 prefers upper): tags are shown to people and Last.fm spells them in lower case.
#pragma warning disable CA1308
    private static string NormaliseTag(string tag) => tag.Trim().ToLowerInvariant();
#pragma warning restore CA1308
}
