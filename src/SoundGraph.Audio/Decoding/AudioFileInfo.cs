namespace SoundGraph.Audio.Decoding;

/// <summary>What ffprobe says about an audio file (its first audio stream and the container's tags).</summary>
/// <param name="Path">The file.</param>
/// <param name="DurationSeconds">Duration in seconds (the container's, else the stream's); 0 when unknown.</param>
/// <param name="SampleRate">The stream's sample rate in Hz.</param>
/// <param name="Channels">The stream's channel count.</param>
/// <param name="Codec">The codec name (e.g. "vorbis", "flac", "mp3").</param>
/// <param name="Tags">Container and stream tags with lower-case keys (artist, title, album, isrc, musicbrainz_trackid, …);
/// the container's win over the stream's.</param>
public sealed record AudioFileInfo(string Path, double DurationSeconds, int SampleRate, int Channels, string Codec, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The first tag among <paramref name="names"/> that is present and not blank, or null.</summary>
    public string? Tag(params string[] names) =>
        names.Select(n => Tags.TryGetValue(n, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null).FirstOrDefault(v => v is not null);
}
