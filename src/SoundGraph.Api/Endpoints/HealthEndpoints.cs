using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Storage;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /health</c>: whether the store can be read, with its row counts.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealthAsync)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("Store health and size")
            .WithDescription("Reads the store: 200 with its provider and the number of tracks, artists, users and relation rows; 503 problem when the store cannot be read. Never cached.")
            .Produces<HealthResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> GetHealthAsync(StoreSessions sessions, CancellationToken cancellationToken)
    {
        try
        {
            var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
            var s = await session.SummaryAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new HealthResponse("ok", s.Provider, s.Tracks, s.Artists, s.Users, s.Relations));
        }
        catch (Exception ex) when (ex is StoreException or DbException or IOException)
        {
            return TypedResults.Problem(detail: "The store cannot be read: " + ex.Message.Split('\n')[0], statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>The body of <c>GET /health</c>.</summary>
internal sealed record HealthResponse(string Status, string Provider, long Tracks, long Artists, long Users, long Relations);
