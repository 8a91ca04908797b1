using System.Text.Json;
using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>
/// Streams the elements of one JSON array, each as its own <see cref="JsonDocument"/>, without loading the file: either
/// the root array (<c>[ … ]</c>) or the array under a top-level property of the root object (<c>{"playlists":[ … ]}</c>).
/// Other top-level properties are skipped. Memory is bounded by the largest single element (plus a 64 KiB buffer).
/// </summary>
/// <remarks>Uses <see cref="Utf8JsonReader"/> over a refillable buffer and <see cref="JsonDocument.TryParseValue"/> per
/// element. A wrong root shape throws <see cref="InputFormatException"/>; invalid JSON throws <see cref="JsonException"/>.</remarks>
internal sealed class JsonArrayStreamReader
{
    /// <summary>Reads one element whose first token the reader is on, leaving the reader on its last token
    /// (<see cref="JsonFastRead.Done"/>); it must not throw for valid JSON.</summary>
    public delegate JsonFastRead ElementReader(ref Utf8JsonReader reader);

    private readonly Stream _stream;
    private readonly string? _arrayProperty;
    private readonly string _file;
    private readonly string _expected;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _started;
    private JsonReaderState _state;
    private Phase _phase;

    /// <summary>Creates a reader of <paramref name="stream"/>.</summary>
    /// <param name="stream">UTF-8 JSON (a BOM is skipped).</param>
    /// <param name="arrayProperty">Top-level property holding the array, or null for a root array.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="expected">What the file should be, for messages ("a Spotify MPD slice").</param>
    /// <param name="bufferBytes">Initial buffer size in bytes (it grows to hold the largest element).</param>
    public JsonArrayStreamReader(Stream stream, string? arrayProperty, string file, string expected, int bufferBytes = 64 * 1024)
    {
        _buffer = new byte[bufferBytes];
        _stream = stream;
        _arrayProperty = arrayProperty;
        _file = file;
        _expected = expected;
        _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 });
    }

    private enum Phase
    {
        BeforeRoot,
        InRoot,
        SkipValue,
        ExpectArray,
        InArray,
        AfterRoot,
        Done,
    }

    private enum Step
    {
        Element,
        NeedMore,
        End,
    }

    /// <summary>True once the array was found.</summary>
    public bool FoundArray { get; private set; }

    /// <summary>Bytes of (decompressed) JSON consumed so far.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>Reads the next array element; null after the array (and the root) ended.</summary>
    /// <exception cref="InputFormatException">The root is not the expected shape.</exception>
    /// <exception cref="JsonException">The JSON is invalid or ends early.</exception>
    public async ValueTask<JsonDocument?> ReadNextAsync(CancellationToken cancellationToken) =>
        (await ReadNextAsync(null, cancellationToken).ConfigureAwait(false)).Document;

    /// <summary>Reads the next array element, first with <paramref name="fast"/> (when given): Fast is true when it read
    /// the element; otherwise Document holds the element (the fast reader answered <see cref="JsonFastRead.Fallback"/> or
    /// threw a <see cref="JsonException"/> or <see cref="InvalidOperationException"/>), or is null after the array ended.</summary>
    /// <exception cref="InputFormatException">The root is not the expected shape.</exception>
    /// <exception cref="JsonException">The JSON is invalid or ends early (as without <paramref name="fast"/>).</exception>
    public async ValueTask<(bool Fast, JsonDocument? Document)> ReadNextAsync(ElementReader? fast, CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = TryAdvance(fast, out var doc);
            if (step == Step.Element)
            {
                return (doc is null, doc);
            }

            if (step == Step.End)
            {
                return (false, null);
            }

            if (_eof)
            {
                throw new JsonException($"The JSON ends early after {BytesConsumed} bytes.");
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
        if (!_started && (_end >= 3 || _eof))
        {
            _started = true;
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
            }
        }
    }

    private Step TryAdvance(ElementReader? fast, out JsonDocument? doc)
    {
        doc = null;
        if (_phase == Phase.Done)
        {
            return Step.End;
        }

        if (!_started)
        {
            return Step.NeedMore;
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        long committed = 0;
        var result = Step.NeedMore;
        var loop = true;
        while (loop)
        {
            var copy = reader;
            switch (_phase)
            {
                case Phase.BeforeRoot:
                    if (!copy.Read())
                    {
                        loop = false;
                        break;
                    }

                    if (_arrayProperty is null)
                    {
                        if (copy.TokenType != JsonTokenType.StartArray)
                        {
                            throw Format("its root is not a JSON array");
                        }

                        FoundArray = true;
                        _phase = Phase.InArray;
                    }
                    else
                    {
                        if (copy.TokenType != JsonTokenType.StartObject)
                        {
                            throw Format("its root is not a JSON object");
                        }

                        _phase = Phase.InRoot;
                    }

                    break;

                case Phase.InRoot:
                    if (!copy.Read())
                    {
                        loop = false;
                        break;
                    }

                    if (copy.TokenType == JsonTokenType.EndObject)
                    {
                        _phase = Phase.AfterRoot;
                    }
                    else
                    {
                        _phase = !FoundArray && copy.ValueTextEquals(_arrayProperty) ? Phase.ExpectArray : Phase.SkipValue;
                    }

                    break;

                case Phase.SkipValue:
                    if (!copy.Read() || (copy.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !copy.TrySkip()))
                    {
                        loop = false;
                        break;
                    }

                    _phase = Phase.InRoot;
                    break;

                case Phase.ExpectArray:
                    if (!copy.Read())
                    {
                        loop = false;
                        break;
                    }

                    if (copy.TokenType != JsonTokenType.StartArray)
                    {
                        throw Format($"its \"{_arrayProperty}\" property is not an array");
                    }

                    FoundArray = true;
                    _phase = Phase.InArray;
                    break;

                case Phase.InArray:
                    if (!copy.Read())
                    {
                        loop = false;
                        break;
                    }

                    if (copy.TokenType == JsonTokenType.EndArray)
                    {
                        _phase = _arrayProperty is null ? Phase.AfterRoot : Phase.InRoot;
                        break;
                    }

                    var fastRead = fast is null ? JsonFastRead.Fallback : TryFast(fast, ref copy);
                    if (fastRead == JsonFastRead.NeedMore && !_eof)
                    {
                        loop = false; // the element is read again, from its first token, once the buffer holds more
                        break;
                    }

                    if (fastRead != JsonFastRead.Done && !JsonDocument.TryParseValue(ref copy, out doc))
                    {
                        loop = false;
                        break;
                    }

                    result = Step.Element;
                    loop = false;
                    break;

                case Phase.AfterRoot:
                    if (!copy.Read())
                    {
                        if (_eof)
                        {
                            _phase = Phase.Done;
                            result = Step.End;
                        }

                        loop = false;
                        break;
                    }

                    throw new JsonException("Unexpected content after the end of the JSON root value.");

                default:
                    result = Step.End;
                    loop = false;
                    break;
            }

            if (loop || result == Step.Element)
            {
                reader = copy;
                committed = reader.BytesConsumed;
                _state = reader.CurrentState;
            }
        }

        _start += (int)committed;
        BytesConsumed += committed;
        return result;
    }

    private static JsonFastRead TryFast(ElementReader fast, ref Utf8JsonReader reader)
    {
        var attempt = reader;
        try
        {
            var result = fast(ref attempt);
            if (result == JsonFastRead.Done)
            {
                reader = attempt;
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Invalid JSON or UTF-8: the document parser reads the element again and fails (or not) exactly as before.
            return JsonFastRead.Fallback;
        }
    }

    private InputFormatException Format(string what) =>
        new($"'{_file}' is not {_expected}: {what}.");
}
