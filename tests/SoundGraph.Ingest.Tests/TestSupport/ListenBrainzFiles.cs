using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.TestSupport;

/// <summary>Builds ListenBrainz export files for the tests: JSON lines from the recorded API fixture or by hand, zipped
/// the way the user export lays them out (<c>listens/YYYY/M.jsonl</c>).</summary>
internal static class ListenBrainzFiles
{
    /// <summary>The 25 listens of <c>api/listenbrainz/get_listens_happy_path_response.json</c>, one compact JSON line each.</summary>
    public static IReadOnlyList<string> FixtureLines()
    {
        var doc = JsonNode.Parse(File.ReadAllText(TestData.Fixture("api", "listenbrainz", "get_listens_happy_path_response.json")))!;
        return doc["payload"]!["listens"]!.AsArray().Select(l => l!.ToJsonString()).ToList();
    }

    /// <summary>A hand-made listen line; <paramref name="info"/> and <paramref name="mapping"/> are raw JSON objects for additional_info and mbid_mapping.</summary>
    public static string Listen(long at, string msid, string artist, string track, string user = "alice", string? info = null, string? mapping = null, string? release = null)
    {
        var meta = new StringBuilder();
        meta.Append("{\"artist_name\":").Append(JsonSerializer.Serialize(artist)).Append(",\"track_name\":").Append(JsonSerializer.Serialize(track));
        if (release is not null)
        {
            meta.Append(",\"release_name\":").Append(JsonSerializer.Serialize(release));
        }

        if (info is not null)
        {
            meta.Append(",\"additional_info\":").Append(info);
        }

        if (mapping is not null)
        {
            meta.Append(",\"mbid_mapping\":").Append(mapping);
        }

        meta.Append('}');
        return $"{{\"listened_at\":{at},\"recording_msid\":\"{msid}\",\"user_name\":{JsonSerializer.Serialize(user)},\"track_metadata\":{meta}}}";
    }

    /// <summary>Writes a zip at <paramref name="path"/> with the given entries (name → bytes).</summary>
    public static string Zip(string path, params (string Name, byte[] Content)[] entries)
    {
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(content);
            }
        }

        return path;
    }

    /// <summary>UTF-8 bytes of the lines joined with LF, ending with one.</summary>
    public static byte[] Lines(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
}
