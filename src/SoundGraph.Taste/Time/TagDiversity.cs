namespace SoundGraph.Taste.Time;

/// <summary>How spread a week's listening is over tags: the Shannon entropy (Shannon 1948) of the counted minutes'
/// distribution over the tags of the tracks played (<see cref="TagMix"/>), and its Hill number of order 1 (Hill 1973,
/// "Diversity and evenness: a unifying notation and its consequences", Ecology 54(2)), the effective number of tags.</summary>
/// <param name="Bits">H = −Σ pₜ log₂ pₜ over tags t, bits, ≥ 0 (0: every tagged minute on one tag).</param>
/// <param name="EffectiveTags">2^H, ≥ 1: the number of equally weighted tags with the same entropy.</param>
/// <param name="TaggedShare">Share, 0–1, of the week's counted minutes whose track had at least one tag.</param>
public sealed record TagDiversity(double Bits, double EffectiveTags, double TaggedShare);
