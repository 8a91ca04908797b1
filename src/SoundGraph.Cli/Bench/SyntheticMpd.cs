using System.Globalization;
using System.Text.Json;
using SoundGraph.Core.Relations;

namespace SoundGraph.Cli.Bench;

/// <summary>
/// Generates SYNTHETIC data in the Million Playlist Dataset slice format, for scale benchmarks only. Nothing it
/// writes is real: every file says so in <c>info.generator</c>, playlist names are "synthetic playlist N" and URIs
/// are <c>spotify:track:synthetic…</c>.
/// </summary>
/// <remarks>
/// Shapes follow the published MPD statistics (Chen et al., "Recsys Challenge 2018", RecSys 2018): playlist length
/// log-normal with median ≈ 49 and mean ≈ 66, clipped to the MPD's 5–250; track popularity Zipf (exponent 1.0) over a
/// catalogue of <see cref="TracksPerPlaylist"/> × playlists tracks, so a few tracks appear in many playlists and most in
/// few (the MPD's long tail); about 8 tracks per artist. Deterministic for a given seed.
/// </remarks>
public sealed class SyntheticMpd
{
    /// <summary>Catalogue size per playlist (the MPD has 2.26M distinct tracks for 1M playlists; smaller samples see more distinct tracks per playlist).</summary>
    public const double TracksPerPlaylist = 3.0;

    private readonly Random _random;
    private readonly double[] _cdf;

    /// <summary>Creates a generator for <paramref name="playlists"/> playlists with a fixed <paramref name="seed"/>.</summary>
    public SyntheticMpd(int playlists, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(playlists, 1);
        Playlists = playlists;
        _random = new Random(seed);
        var tracks = Math.Max(1000, (int)(playlists * TracksPerPlaylist));
        _cdf = new double[tracks];
        var sum = 0.0;
        for (var i = 0; i < tracks; i++)
        {
            sum += 1.0 / (i + 1);
            _cdf[i] = sum;
        }

        for (var i = 0; i < tracks; i++)
        {
            _cdf[i] /= sum;
        }
    }

    /// <summary>Number of playlists to generate.</summary>
    public int Playlists { get; }

    /// <summary>Writes slices of 1,000 playlists (<c>mpd.slice.A-B.json</c>) to <paramref name="folder"/>.</summary>
    /// <returns>The slice paths and the number of playlist entries written.</returns>
    public (IReadOnlyList<string> Files, long Entries) WriteSlices(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        long entries = 0;
        for (var start = 0; start < Playlists; start += 1000)
        {
            var end = Math.Min(Playlists, start + 1000) - 1;
            var path = Path.Combine(folder, $"mpd.slice.{start}-{end}.json");
            using var stream = File.Create(path);
            using var w = new Utf8JsonWriter(stream);
            w.WriteStartObject();
            w.WriteStartObject("info");
            w.WriteString("generator", "SoundGraph SyntheticMpd: SYNTHETIC MPD-shaped benchmark data, not real playlists");
            w.WriteString("slice", $"{start}-{end}");
            w.WriteString("version", "synthetic");
            w.WriteEndObject();
            w.WriteStartArray("playlists");
            for (var pid = start; pid <= end; pid++)
            {
                entries += WritePlaylist(w, pid);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            files.Add(path);
        }

        return (files, entries);
    }

    /// <summary>Generates the playlists straight into a playlist → tracks membership (what <c>sgr relate</c> reads from
    /// the store), without slices or a store: for relate benchmarks at full MPD scale. Track ids are the catalogue
    /// ranks; each playlist's tracks are distinct and sorted. Same distributions as <see cref="WriteSlices"/>.</summary>
    public Bipartite Membership()
    {
        var groups = new long[Playlists];
        var offsets = new int[Playlists + 1];
        var items = new List<long>(Playlists * 66);
        var chosen = new HashSet<int>();
        var sorted = new List<int>(250);
        for (var pid = 0; pid < Playlists; pid++)
        {
            Choose(chosen);
            sorted.Clear();
            sorted.AddRange(chosen);
            sorted.Sort();
            groups[pid] = pid;
            foreach (var t in sorted)
            {
                items.Add(t);
            }

            offsets[pid + 1] = items.Count;
        }

        return new Bipartite(groups, offsets, [.. items]);
    }

    private void Choose(HashSet<int> chosen)
    {
        chosen.Clear();
        var length = Length();
        while (chosen.Count < length)
        {
            chosen.Add(Track());
        }
    }

    private int WritePlaylist(Utf8JsonWriter w, int pid)
    {
        var chosen = new HashSet<int>();
        Choose(chosen);
        var length = chosen.Count;

        w.WriteStartObject();
        w.WriteString("name", "synthetic playlist " + pid.ToString(CultureInfo.InvariantCulture));
        w.WriteString("collaborative", "false");
        w.WriteNumber("pid", pid);
        w.WriteNumber("modified_at", 1_400_000_000 + (pid % 100_000_000));
        w.WriteNumber("num_tracks", length);
        w.WriteNumber("num_followers", 1 + (pid % 7 == 0 ? 1 : 0));
        w.WriteStartArray("tracks");
        var pos = 0;
        foreach (var t in chosen)
        {
            var artist = t / 8;
            w.WriteStartObject();
            w.WriteNumber("pos", pos++);
            w.WriteString("artist_name", "Synthetic Artist " + artist.ToString(CultureInfo.InvariantCulture));
            w.WriteString("track_uri", "spotify:track:synthetic" + t.ToString(CultureInfo.InvariantCulture));
            w.WriteString("artist_uri", "spotify:artist:synthetic" + artist.ToString(CultureInfo.InvariantCulture));
            w.WriteString("track_name", "Synthetic Track " + t.ToString(CultureInfo.InvariantCulture));
            w.WriteString("album_uri", "spotify:album:synthetic" + (t / 12).ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("duration_ms", 150_000 + (t % 120_000));
            w.WriteString("album_name", "Synthetic Album " + (t / 12).ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        return length;
    }

    /// <summary>Log-normal length (μ = ln 49, σ = 0.75 ⇒ median 49, mean ≈ 65), clipped to 5–250.</summary>
    private int Length()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp((int)Math.Round(Math.Exp(Math.Log(49) + (0.75 * normal))), 5, Math.Min(250, _cdf.Length));
    }

    private int Track()
    {
        var index = Array.BinarySearch(_cdf, _random.NextDouble());
        return index >= 0 ? index : Math.Min(~index, _cdf.Length - 1);
    }
}
