using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>Serializer settings for SoundCloud bodies: property names come from <c>[JsonPropertyName]</c> (snake_case
/// exactly as sent), unknown properties are ignored, numbers may arrive as strings.</summary>
public static class SoundCloudJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Reads a SoundCloud date (<c>2011/04/06 15:37:43 +0000</c> or ISO-8601) as <see cref="DateTimeOffset"/>;
/// null, empty or unparseable text gives null rather than failing the whole body. Writes the SoundCloud format.</summary>
public sealed class SoundCloudDateConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? SoundCloudDates.Parse(reader.GetString()) : SkipAndNull(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(SoundCloudDates.Format(v));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static DateTimeOffset? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

/// <summary>Reads a JSON array as a list, and a JSON null as an empty list.</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class NullAsEmptyListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        return JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? [];
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
