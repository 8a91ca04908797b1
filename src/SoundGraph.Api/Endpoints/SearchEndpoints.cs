using SoundGraph.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Storage.Explore;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /api/search</c>: tracks, artists and users by name.</summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithTags("Search")
            .WithSummary("Find tracks, artists and users by name")
            .WithDescription("q: 1–200 characters (required). kind: track | artist | user (optional). limit: 1–50, default 20. "
                + "Ranked by score: exact normalized name 100, prefix 90, word or substring 70–80, ties by popularity. An empty list when nothing matches.")
            .Produces<SearchResponse>()
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<IResult> SearchAsync(string? q, string? kind, string? limit, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "q", "kind", "limit");
        var query = check.Text(q, "q", ApiParameters.MaxQueryLength);
        var k = check.OptionalKind(kind);
        var n = check.Range(limit, ApiParameters.SearchLimit);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var hits = await session.Search.SearchAsync(query!, k, n, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SearchResponse(query!, await PrivateListeners.FilterAsync(request.HttpContext, session, hits, cancellationToken).ConfigureAwait(false)));
    }
}

/// <summary>The body of <c>GET /api/search</c>.</summary>
internal sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Results);
