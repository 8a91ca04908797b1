using SoundGraph.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Storage.Explore;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /api/graph/{kind}/{id}</c>: the neighbourhood of a node as nodes and edges, for drawing.</summary>
internal static class GraphEndpoints
{
    /// <summary>Most nodes a graph response holds (then <c>truncated</c> is true).</summary>
    public const int MaxNodes = 400;

    public static IEndpointRouteBuilder MapGraphEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/graph/{kind}/{id}", GraphAsync)
            .WithName("Graph")
            .WithTags("Graph")
            .WithSummary("The neighbourhood graph of a track, artist or user")
            .WithDescription("kind: track | artist | user. depth: 1–2, default 1. k: neighbours per node and relation, 1–200, default 10. "
                + "relation: comma-separated relation codes of that node type, default all. Depth 1 = the center and its top-k neighbours; "
                + "depth 2 adds the top-k of each of them. Edges are every stored relation between two returned nodes that is within its source's top k "
                + "(the k-nearest-neighbour graph among the nodes: neighbour–neighbour edges too, not a star), "
                + $"plus credit edges from a track center to its artists. At most {MaxNodes} nodes, then truncated = true.")
            .Produces<NeighbourhoodGraph>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> GraphAsync(string kind, string id, string? depth, string? k, string? relation, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "depth", "k");
        var nodeKind = check.Kind(kind);
        var n = check.Id(id);
        var d = check.Range(depth, ApiParameters.Depth);
        var top = check.Range(k, ApiParameters.K);
        var relations = check.Relations(relation, nodeKind);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        if (nodeKind == "user" && !await PrivateListeners.VisibleAsync(request.HttpContext, session, n, cancellationToken).ConfigureAwait(false))
        {
            return ApiResults.NotFound(nodeKind, n);
        }

        var graph = await session.Graph.ReadAsync(ParameterValidation.NodeTypeOf(nodeKind!), n, d, top, relations, MaxNodes, cancellationToken).ConfigureAwait(false);
        return graph is null ? ApiResults.NotFound(nodeKind!, n) : TypedResults.Ok(await PrivateListeners.FilterAsync(request.HttpContext, session, graph, cancellationToken).ConfigureAwait(false));
    }
}
