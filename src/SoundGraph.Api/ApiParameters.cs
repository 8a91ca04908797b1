using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Models;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Api;

/// <summary>A whole-number query parameter: its name, range, default and what it means.</summary>
/// <param name="Name">The query parameter's exact name.</param>
/// <param name="Min">Smallest accepted value.</param>
/// <param name="Max">Largest accepted value.</param>
/// <param name="Default">The value used when the parameter is absent.</param>
/// <param name="Description">What it means, for the OpenAPI document.</param>
internal sealed record IntParameter(string Name, int Min, int Max, int Default, string Description);

/// <summary>The bounds of the API's whole-number parameters, used both by the endpoints' validation and by the OpenAPI
/// document, so the two cannot drift apart.</summary>
internal static class ApiParameters
{
    /// <summary>Largest <c>q</c> of a search, in characters.</summary>
    public const int MaxQueryLength = 200;

    /// <summary><c>k</c>: items per relation kind (related, recommend) or neighbours per node and relation kind (graph).</summary>
    public static readonly IntParameter K = new("k", 1, 200, 10, "How many neighbours to take per node and relation kind (graph), or items to return per relation kind (related) or in all (recommend).");

    /// <summary><c>limit</c> of an unveil report: items per section.</summary>
    public static readonly IntParameter SectionLimit = new("limit", 1, UnveilReader.MaxLimit, 10, "Items per section of the report.");

    /// <summary><c>limit</c> of a search: results.</summary>
    public static readonly IntParameter SearchLimit = new("limit", 1, 50, 20, "Most results to return.");

    /// <summary><c>depth</c> of a graph.</summary>
    public static readonly IntParameter Depth = new("depth", 1, 2, 1, "1 = the center and its top-k neighbours; 2 = also the top-k of each of them.");
}

/// <summary>Documents each parameter with its real schema. The endpoints take every parameter as a string so that they
/// can answer bad values with their own 400 problems; without this the OpenAPI document would call every parameter a
/// plain string. Here: ids are int64 ≥ 1, k/limit/depth integers with their range and default, kind and model enums,
/// relation a comma list whose description names the valid codes; the personal endpoints' user, window, week, timeZone,
/// force, axis and track, and the job id a string.</summary>
internal sealed class ParameterSchemaTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? string.Empty;
        var isSearch = path.StartsWith("api/search", StringComparison.OrdinalIgnoreCase);
        var isOutliers = path.StartsWith("api/dashboard/outliers", StringComparison.OrdinalIgnoreCase);
        var isMap = path.StartsWith("api/dashboard/map", StringComparison.OrdinalIgnoreCase);
        var isJob = path.StartsWith("api/jobs", StringComparison.OrdinalIgnoreCase);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            var inPath = parameter.In == ParameterLocation.Path;
            switch (parameter.Name)
            {
                case "id" when isJob:
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{32}$" };
                    parameter.Description = "The job's id, as the 202 of the request that started it gave it (Location: /api/jobs/{id}).";
                    break;
                case "id":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" };
                    parameter.Description = "The entity's id: a positive whole number (the id that search results and graph nodes carry).";
                    break;
                case "kind":
                    parameter.Schema = Enum(ParameterValidation.Kinds, @default: null);
                    parameter.Description = inPath ? "The node kind." : "Only results of this kind; all kinds when absent.";
                    break;
                case "model":
                    parameter.Schema = Enum(EmbeddingSearch.EmbeddingNames.Keys.Order(StringComparer.Ordinal), "sage");
                    parameter.Description = "The track embedding to search (all three are saved by `sgr train sage`).";
                    break;
                case "relation":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                    parameter.Description = "Comma-separated relation codes of the node's type (may also be repeated); all of that type when absent. "
                        + string.Join("; ", RelationKinds.All.GroupBy(r => r.NodeType()).Select(g => $"{g.Key.ToString().ToLowerInvariant()}: {string.Join(", ", g.Select(r => r.Code()))}"))
                        + ".";
                    break;
                case "q":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = ApiParameters.MaxQueryLength };
                    parameter.Description = $"The name to look for, 1–{ApiParameters.MaxQueryLength} characters (trimmed).";
                    break;
                case "k":
                    Integer(parameter, ApiParameters.K);
                    break;
                case "depth":
                    Integer(parameter, ApiParameters.Depth);
                    break;
                case "limit":
                    Integer(parameter, isSearch ? ApiParameters.SearchLimit : isOutliers ? Endpoints.DashboardEndpoints.OutlierLimit : isMap ? Endpoints.DashboardEndpoints.MapLimit : ApiParameters.SectionLimit);
                    break;
                case "user":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = ApiParameters.MaxQueryLength };
                    parameter.Description = "The listener: name (s001), key (spotify-export-tsv:user:s001) or id (user:12); a name shared by several users means the one with listens.";
                    break;
                case "window":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,3}[wW]?$", Default = JsonValue.Create("12w") };
                    parameter.Description = $"Weeks to show, 1–{Services.Taste.TasteReports.MaxWeeks}, as 12w or 12: the last aggregated weeks. Default 12w.";
                    break;
                case "week":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{4}-W[0-9]{2}$" };
                    parameter.Description = "An ISO week, YYYY-Www (2021-W07); default the listener's last week with a counted play.";
                    break;
                case "timeZone":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                    parameter.Description = "IANA time zone the weeks are cut in (Europe/Berlin, UTC); default the listener's stored zone, else UTC.";
                    break;
                case "force":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = JsonValue.Create(false) };
                    parameter.Description = "Recompute even when nothing changed since the last aggregation.";
                    break;
                case "axis":
                    parameter.Schema = Enum(SoundGraph.Taste.MoodAxes.All.Select(a => SoundGraph.Taste.MoodAxes.Code(a)), @default: null);
                    parameter.Description = "Only this axis.";
                    break;
                case "track":
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = ApiParameters.MaxQueryLength };
                    parameter.Description = "The track: id (track:42 or 42), key or \"Artist - Title\".";
                    break;
                default:
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Integer(OpenApiParameter parameter, IntParameter bounds)
    {
        parameter.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = bounds.Min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = bounds.Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = JsonValue.Create(bounds.Default),
        };
        parameter.Description = $"{bounds.Description} {bounds.Min}–{bounds.Max}, default {bounds.Default}.";
    }

    private static OpenApiSchema Enum(IEnumerable<string> values, string? @default) => new()
    {
        Type = JsonSchemaType.String,
        Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        Default = @default is null ? null : JsonValue.Create(@default),
    };
}
