using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Models;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /api/recommend/track/{id}</c> (nearest tracks in a learned embedding) and
/// <c>GET /api/recommend/models</c> (which embeddings are trained).</summary>
internal static class RecommendEndpoints
{
    /// <summary>The stored model that <c>sgr train sage</c> saves with the three track embeddings.</summary>
    private const string SageModel = "sage";

    /// <summary>What each embedding is, for the "why" of an item and the model list.</summary>
    private static readonly Dictionary<string, (string Kind, string Why)> Embeddings = new(StringComparer.Ordinal)
    {
        ["sage"] = ("graphsage", "GraphSAGE embeddings"),
        ["raw"] = ("audio-features", "standardized audio features"),
        ["fastrp"] = ("fastrp", "FastRP embeddings"),
    };

    public static IEndpointRouteBuilder MapRecommendEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/recommend/track/{id}", RecommendTrackAsync)
            .WithName("RecommendTrack")
            .WithTags("Recommend")
            .WithSummary("Tracks nearest to a track in a learned embedding")
            .WithDescription("model: sage | raw | fastrp, default sage (the embeddings `sgr train sage` saves). k: 1–200, default 10. "
                + "Items are ranked by cosine similarity; 404 problem when the model is not trained.")
            .Produces<RecommendResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/recommend/models", ModelsAsync)
            .WithName("RecommendModels")
            .WithTags("Recommend")
            .WithSummary("The embedding models and whether they are trained")
            .WithDescription("One entry per model name accepted by /api/recommend/track/{id}.")
            .Produces<ModelsResponse>();
        return routes;
    }

    private static async Task<IResult> RecommendTrackAsync(string id, string? model, string? k, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "model", "k");
        var n = check.Id(id);
        var name = check.OneOf(model, "model", EmbeddingSearch.EmbeddingNames.Keys, SageModel);
        var top = check.Range(k, ApiParameters.K);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var subject = await session.Resolver.FindSubjectAsync("track", n, cancellationToken).ConfigureAwait(false);
        if (subject is null)
        {
            return ApiResults.NotFound("track", n);
        }

        var neighbours = await session.Embeddings.NearestTracksAsync(name!, n, top, cancellationToken).ConfigureAwait(false);
        if (neighbours is null)
        {
            return TypedResults.Problem(
                detail: $"The {name} embeddings are not trained: run `sgr train sage` (it saves the sage, raw and fastrp track embeddings).",
                statusCode: StatusCodes.Status404NotFound);
        }

        var why = Embeddings.TryGetValue(name!, out var about) ? about.Why : name + " embeddings";
        var items = neighbours
            .Select(x => new UnveilItem(
                "track",
                x.TrackId,
                x.Artist is null ? x.Title : $"{x.Title} — {x.Artist}",
                x.Cosine,
                null,
                "cosine " + x.Cosine.ToString("0.000", CultureInfo.InvariantCulture) + " of " + why))
            .ToList();
        return TypedResults.Ok(new RecommendResponse(subject, name!, items));
    }

    private static async Task<IResult> ModelsAsync(StoreSessions sessions, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var sage = await session.Models.LoadModelAsync(SageModel, cancellationToken).ConfigureAwait(false);
        var models = EmbeddingSearch.EmbeddingNames.Keys
            .Order(StringComparer.Ordinal)
            .Select(name => new ModelInfo(name, Embeddings.TryGetValue(name, out var about) ? about.Kind : name, sage?.TrainedAt, sage is not null))
            .ToList();
        return TypedResults.Ok(new ModelsResponse(models));
    }
}

/// <summary>The body of <c>GET /api/recommend/track/{id}</c>.</summary>
internal sealed record RecommendResponse(UnveilSubject Subject, string Model, IReadOnlyList<UnveilItem> Items);

/// <summary>The body of <c>GET /api/recommend/models</c>.</summary>
internal sealed record ModelsResponse(IReadOnlyList<ModelInfo> Models);

/// <summary>One embedding model: its name, what it is, when <c>sgr train sage</c> last saved it, and whether it is there.</summary>
internal sealed record ModelInfo(string Name, string Kind, string? TrainedAt, bool Available);
