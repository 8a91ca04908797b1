using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SoundGraph.Ingest.Sources;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.SoundCloud;

namespace SoundGraph.Ingest.Harvest;

/// <summary>The raw spill: every HTTP response the client receives, appended as one JSON line before it is parsed or
/// stored (DESIGN.md "raw spill (JSONL, append-only)"), so relations can be recomputed without refetching.</summary>
/// <remarks>Line shape: <c>{"run":1,"at":"…Z","endpoint":"/tracks/{id}/favoriters","url":"…","status":200,"body":{…}}</c>.
/// A body that is valid JSON is embedded as JSON; anything else (an empty 403, a truncated page) as the string
/// <c>body_text</c>. URLs arrive redacted from the client. Each line is flushed before the response is handed on;
/// a page fetched again after a resume appears again (the spill is a log, the store is the de-duplicated state).</remarks>
public sealed class SpillWriter : ISoundCloudResponseSink, ILastFmResponseSink, IApiResponseSink, IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();
    private FileStream? _stream;

    /// <summary>Prepares the spill file at <paramref name="path"/>; it is created (or appended to) with the first
    /// response, so a harvest that fails before any request leaves no file.</summary>
    public SpillWriter(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>Full path of the spill file.</summary>
    public string Path { get; }

    /// <summary>Run id written on each line, set once the run is known: the seed lookup that precedes it is spilled with run 0.</summary>
    public long RunId { get; set; }

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    /// <inheritdoc/>
    /// <remarks>The line's <c>endpoint</c> is the Last.fm method; the URL arrives redacted.</remarks>
    public ValueTask OnResponseAsync(LastFmResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return OnResponseAsync(new ApiResponse(response.Method, response.Url, response.Status, response.Body, response.FetchedAt), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask OnResponseAsync(SoundCloudResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return OnResponseAsync(new ApiResponse(response.Endpoint, response.Url, response.Status, response.Body, response.FetchedAt), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The line's <c>endpoint</c> names the API and its endpoint (ListenBrainz, MusicBrainz).</remarks>
    public ValueTask OnResponseAsync(ApiResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("run", RunId);
            w.WriteString("at", response.FetchedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("endpoint", response.Endpoint);
            w.WriteString("url", response.Url);
            w.WriteNumber("status", response.Status);
            if (IsJson(response.Body))
            {
                w.WritePropertyName("body");
                w.WriteRawValue(response.Body!, skipInputValidation: true);
            }
            else if (!string.IsNullOrEmpty(response.Body))
            {
                w.WriteString("body_text", response.Body);
            }

            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            if (_stream is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            }

            _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stream.Flush();
            Lines++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => _stream?.Dispose();

    private static bool IsJson(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
