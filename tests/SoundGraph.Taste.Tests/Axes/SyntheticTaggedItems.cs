using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

/// <summary>SYNTHETIC tagged items whose targets are a known linear function of their tags plus noise: valence =
/// 0.5 + Σ tf_t·β_t + N(0, noise²), with β spread evenly over −0.4…0.4 across the tags (tag00 lowest, so β rises with the
/// tag number), and tempo = 120 + 100·Σ tf_t·β_t. Each item has 3–6 distinct tags drawn uniformly with weights 1–100.</summary>
internal static class SyntheticTaggedItems
{
    public static double Beta(int tag, int tagCount) => -0.4 + 0.8 * tag / (tagCount - 1);

    public static string Tag(int tag) => $"tag{tag:00}";

    public static TaggedItem[] Create(int count, int tagCount = 40, double noise = 0.02, int seed = 7)
    {
        var random = new SplitMix64((ulong)seed);
        var items = new TaggedItem[count];
        for (var i = 0; i < count; i++)
        {
            var tags = new Dictionary<string, double>();
            var size = 3 + random.NextInt(4);
            while (tags.Count < size)
            {
                tags[Tag(random.NextInt(tagCount))] = 1 + random.NextInt(100);
            }

            var total = tags.Values.Sum();
            var signal = tags.Sum(p => p.Value / total * Beta(int.Parse(p.Key[3..], System.Globalization.CultureInfo.InvariantCulture), tagCount));
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            items[i] = new TaggedItem($"synthetic:{i}", tags, new Dictionary<MoodAxis, double>
            {
                [MoodAxis.Valence] = 0.5 + signal + noise * gaussian,
                [MoodAxis.Tempo] = 120 + 100 * signal,
            });
        }

        return items;
    }
}
