using SoundGraph.Taste.Axes;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Taste.Tests.Mixtape;

/// <summary>SYNTHETIC candidates: Gaussian blobs on the mixtape axes from a seeded generator.</summary>
internal static class SyntheticMixtapes
{
    /// <summary><paramref name="count"/> candidates with ids from <paramref name="firstId"/>, drawn around
    /// <paramref name="centre"/> with sd <paramref name="sd"/> on the 0–1 axes and <paramref name="tempoSdBpm"/> on tempo;
    /// each weighs <paramref name="minutes"/>, lasts <paramref name="durationS"/> and is by artist
    /// <c>firstId + i % artists</c>.</summary>
    public static List<MixtapeCandidate> Blob(SplitMix64 rng, long firstId, int count, AxisPoint centre, double sd, double tempoSdBpm,
        double minutes, double durationS = 240, int artists = int.MaxValue) =>
        [.. Enumerable.Range(0, count).Select(i => new MixtapeCandidate(
            firstId + i,
            [firstId + i % artists],
            durationS,
            centre.Energy + sd * Normal(rng),
            centre.Valence + sd * Normal(rng),
            centre.Danceability + sd * Normal(rng),
            centre.TempoBpm + tempoSdBpm * Normal(rng),
            Camelot.FromKey(rng.NextInt(12), rng.NextInt(2)),
            minutes))];

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(SplitMix64 rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }

    /// <summary>A candidate with the given values (artist = its id unless given; key unknown unless given).</summary>
    public static MixtapeCandidate Track(long id, double energy, double valence, double danceability, double tempoBpm, double durationS = 240,
        double minutes = 4, long? artist = null, string? key = null) =>
        new(id, [artist ?? id], durationS, energy, valence, danceability, tempoBpm, key is null ? null : CamelotKey.Parse(key), minutes);
}
