using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SoundGraph.Ingest.Harvest;

/// <summary>The harvest configuration file (YAML or JSON, snake_case keys): a <c>harvest</c> section with the layer
/// options and a <c>soundcloud</c> section with the client settings. Every key is optional; missing keys keep their
/// documented defaults. Client secrets do not belong here: they come from the environment.</summary>
/// <example>
/// <code>
/// harvest:
///   users: { enabled: true, max_likers: 500, max_reposters: 500, max_likes_per_user: 500 }
///   semantic: { max_results: 100, min_similarity: 0.6 }
///   entities: { enabled: false }
/// soundcloud:
///   requests_per_second: 5
///   max_concurrent_requests: 4
/// </code>
/// </example>
public sealed partial class HarvestConfigFile
{
    /// <summary>Layer options.</summary>
    public HarvestOptions Harvest { get; set; } = new();

    /// <summary>Client settings (key <c>soundcloud</c>).</summary>
    [JsonPropertyName("soundcloud")]
    [YamlMember(Alias = "soundcloud")]
    public SoundCloudSettings SoundCloud { get; set; } = new();

    /// <summary>Reads a configuration file; <c>.json</c> files are JSON, anything else YAML.</summary>
    /// <exception cref="FormatException">The file does not parse or has an unknown key; the message names the file and line.</exception>
    /// <exception cref="ArgumentException">A value is out of range (the message names the field).</exception>
    public static HarvestConfigFile Load(string path)
    {
        var text = File.ReadAllText(path);
        HarvestConfigFile? config;
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                config = JsonSerializer.Deserialize<HarvestConfigFile>(text, HarvestOptions.JsonOptions);
            }
            catch (JsonException e)
            {
                var unknown = UnknownJsonKey().Match(e.Message);
                var problem = unknown.Success ? $"unknown key '{unknown.Groups[1].Value}'" : $"invalid value at {e.Path ?? "$"}";
                throw new FormatException($"{path}: line {(e.LineNumber ?? 0) + 1}: {problem}.", e);
            }
        }
        else
        {
            var yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            try
            {
                config = yaml.Deserialize<HarvestConfigFile>(text);
            }
            catch (YamlException e)
            {
                var unknown = UnknownYamlKey().Match(e.Message);
                var problem = unknown.Success ? $"unknown key '{unknown.Groups[1].Value}'"
                    : e.InnerException is FormatException or OverflowException || e.Message.Contains("deserializer", StringComparison.Ordinal)
                        ? "invalid value (limits are whole numbers, min_similarity a number from 0 to 1, enabled true or false)"
                        : e.Message;
                throw new FormatException($"{path}: line {e.Start.Line}: {problem}.", e);
            }
        }

        config ??= new HarvestConfigFile();
        config.Harvest ??= new HarvestOptions();
        config.SoundCloud ??= new SoundCloudSettings();
        config.Harvest.Validate();
        return config;
    }
}

/// <content>Error-message patterns.</content>
public sealed partial class HarvestConfigFile
{
    [System.Text.RegularExpressions.GeneratedRegex("^Property '([^']+)' not found on type")]
    private static partial System.Text.RegularExpressions.Regex UnknownYamlKey();

    [System.Text.RegularExpressions.GeneratedRegex("^The JSON property '([^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnknownJsonKey();
}

/// <summary>SoundCloud client settings a configuration file may set (see the client options for their meaning).</summary>
public sealed class SoundCloudSettings
{
    /// <summary>API base URL; default SoundCloud's.</summary>
    public string? ApiBaseUri { get; set; }

    /// <summary>OAuth token URL; default SoundCloud's.</summary>
    public string? TokenUri { get; set; }

    /// <summary>Page size 1–200.</summary>
    public int? PageSize { get; set; }

    /// <summary>Request starts per second.</summary>
    public double? RequestsPerSecond { get; set; }

    /// <summary>Requests in flight at most.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Retries of a failed request.</summary>
    public int? MaxRetries { get; set; }
}
