namespace SoundGraph.Audio.Tests;

/// <summary>A fact that needs the <c>ffmpeg</c> command (Debian package <c>ffmpeg</c>, which <c>./test</c> installs when it
/// can): skipped with that reason where ffmpeg is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = Reason;
        }
    }

    /// <summary>The skip reason.</summary>
    public const string Reason = "needs ffmpeg on PATH (sudo apt-get install ffmpeg; ./test installs it when run as root)";
}

/// <summary>A theory that needs the <c>ffmpeg</c> command; skipped with that reason where it is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = FfmpegFactAttribute.Reason;
        }
    }
}
