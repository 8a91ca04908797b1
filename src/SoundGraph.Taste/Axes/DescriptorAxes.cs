namespace SoundGraph.Taste.Axes;

/// <summary>Axes read straight from audio descriptors: Spotify's audio features as they are, and SoundGraph.Audio's local
/// measurements through SoundGraph's own heuristic mappings.</summary>
/// <remarks>The local-audio mappings are SoundGraph's documented heuristics, not published models and not fitted to
/// listener judgements: each formula is given on <see cref="FromLocalAudio"/>, and their confidences (all below 1) are
/// priors chosen by hand, to be replaced by agreement figures once enough tracks have both local audio and Spotify
/// features. Non-finite inputs count as missing.</remarks>
public static class DescriptorAxes
{
    private const double BrightnessLowHz = 500;
    private const double BrightnessHighHz = 5_000;

    /// <summary>Energy, valence, danceability and tempo from Spotify's audio features, each with confidence 1 and method
    /// <see cref="AxisMethod.Spotify"/>.</summary>
    /// <param name="descriptors">The track's features.</param>
    /// <returns>The axes the features give, keyed by axis: <see cref="MoodAxis.Energy"/>, <see cref="MoodAxis.Valence"/> and
    /// <see cref="MoodAxis.Danceability"/> taken directly (clipped to 0–1), <see cref="MoodAxis.Tempo"/> in BPM when it is
    /// above 0 (Spotify writes 0 for "no beat found"). A missing or non-finite field leaves its axis out.</returns>
    /// <remarks><see cref="MoodAxis.ModeConfidence"/> is left out: Spotify's track features give the mode as 0 or 1 with
    /// no confidence, and a binary label does not say how clearly a track is major or minor. The other fields
    /// (acousticness, instrumentalness, speechiness, liveness, loudness) map to none of the ten axes.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="descriptors"/> is null.</exception>
    public static IReadOnlyDictionary<MoodAxis, AxisValue> FromSpotify(SpotifyDescriptors descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var axes = new Dictionary<MoodAxis, AxisValue>();
        AddUnit(axes, MoodAxis.Energy, descriptors.Energy);
        AddUnit(axes, MoodAxis.Valence, descriptors.Valence);
        AddUnit(axes, MoodAxis.Danceability, descriptors.Danceability);
        if (descriptors.TempoBpm is { } tempo && double.IsFinite(tempo) && tempo > 0)
        {
            axes[MoodAxis.Tempo] = new AxisValue(tempo, AxisMethod.Spotify, 1);
        }

        return axes;
    }

    /// <summary>Brightness, rhythmic complexity, pumpiness, texture density, stereo size, mode confidence and tempo from
    /// SoundGraph.Audio's measurements (method <see cref="AxisMethod.LocalAudio"/>), by SoundGraph's heuristic mappings.</summary>
    /// <param name="descriptors">The track's local measurements.</param>
    /// <returns>The axes whose inputs are present, keyed by axis (clip(v) = min(1, max(0, v))):
    /// <list type="bullet">
    /// <item><b>brightness</b> = clip(log₁₀(centroid / 500 Hz) / log₁₀(5,000 / 500)): the centroid's position on a log-frequency
    /// scale, 0 at or below 500 Hz, 1 at or above 5 kHz; confidence 0.8.</item>
    /// <item><b>rhythmic_complexity</b>: r = onset rate / (tempo / 60) onsets per beat (tempo 120 BPM when unknown),
    /// density = clip(log₂(r) / 2) (one onset per beat 0, four or more 1); with a tempo confidence c the value is
    /// (density + (1 − c)) / 2 (a weak or unsteady beat reads as more complex), confidence 0.5; without, density alone,
    /// confidence 0.3. Needs the onset rate.</item>
    /// <item><b>pumpiness</b>: the measured pumpiness, clipped; confidence 0.7.</item>
    /// <item><b>texture_density</b>: flatness part = clip((log₁₀(flatness) + 3) / 2.5) (0 at 0.001, a pure tone's; 1 at
    /// ≈ 0.32, close to noise), percussive part = P/(P + H) = ratio / (1 + ratio); their mean with confidence 0.5, or the
    /// one present with confidence 0.3.</item>
    /// <item><b>stereo_size</b> = min(1, 2s / (1 + s)) for side/mid ratio s: 0 mono, 1 for two unrelated channels (s = 1)
    /// or wider; confidence 0.8.</item>
    /// <item><b>mode_confidence</b>: the key confidence, clipped; confidence 0.6.</item>
    /// <item><b>tempo</b>: the tempo in BPM when above 0; confidence 0.9 × tempo confidence (0.45 when that is
    /// unknown).</item>
    /// </list>
    /// Energy, valence and danceability are not derived from local audio (no mapping SoundGraph could defend), nor is the
    /// integrated loudness used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="descriptors"/> is null.</exception>
    public static IReadOnlyDictionary<MoodAxis, AxisValue> FromLocalAudio(LocalAudioDescriptors descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var axes = new Dictionary<MoodAxis, AxisValue>();
        double? tempo = Finite(descriptors.TempoBpm) is > 0 and { } t ? t : null;
        double? tempoConfidence = Finite(descriptors.TempoConfidence) is { } tc ? Clip(tc) : null;

        if (Finite(descriptors.SpectralCentroidMeanHz) is > 0 and { } centroid)
        {
            var brightness = Math.Log10(centroid / BrightnessLowHz) / Math.Log10(BrightnessHighHz / BrightnessLowHz);
            axes[MoodAxis.Brightness] = Local(Clip(brightness), 0.8);
        }

        if (Finite(descriptors.OnsetRatePerSecond) is >= 0 and { } onsets)
        {
            var beatsPerSecond = (tempo ?? 120) / 60;
            var perBeat = onsets / beatsPerSecond;
            var density = perBeat <= 0 ? 0 : Clip(Math.Log2(perBeat) / 2);
            axes[MoodAxis.RhythmicComplexity] = tempoConfidence is { } c
                ? Local((density + (1 - c)) / 2, 0.5)
                : Local(density, 0.3);
        }

        if (Finite(descriptors.Pumpiness) is { } pump)
        {
            axes[MoodAxis.Pumpiness] = Local(Clip(pump), 0.7);
        }

        double? flatness = Finite(descriptors.SpectralFlatnessMean) is > 0 and { } f ? Clip((Math.Log10(f) + 3) / 2.5) : null;
        double? percussive = Finite(descriptors.PercussiveToHarmonic) is >= 0 and { } q ? q / (1 + q) : null;
        if (flatness is { } fl && percussive is { } pc)
        {
            axes[MoodAxis.TextureDensity] = Local((fl + pc) / 2, 0.5);
        }
        else if ((flatness ?? percussive) is { } one)
        {
            axes[MoodAxis.TextureDensity] = Local(one, 0.3);
        }

        if (Finite(descriptors.SideToMid) is >= 0 and { } side)
        {
            axes[MoodAxis.StereoSize] = Local(Math.Min(1, 2 * side / (1 + side)), 0.8);
        }

        if (Finite(descriptors.KeyConfidence) is { } key)
        {
            axes[MoodAxis.ModeConfidence] = Local(Clip(key), 0.6);
        }

        if (tempo is { } bpm)
        {
            axes[MoodAxis.Tempo] = Local(bpm, tempoConfidence is { } c ? 0.9 * c : 0.45);
        }

        return axes;
    }

    private static void AddUnit(Dictionary<MoodAxis, AxisValue> axes, MoodAxis axis, double? value)
    {
        if (Finite(value) is { } v)
        {
            axes[axis] = new AxisValue(Clip(v), AxisMethod.Spotify, 1);
        }
    }

    private static AxisValue Local(double value, double confidence) => new(value, AxisMethod.LocalAudio, confidence);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static double Clip(double value) => Math.Clamp(value, 0, 1);
}
