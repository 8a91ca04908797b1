using Microsoft.AspNetCore.Http;

namespace SoundGraph.Api;

/// <summary>Responses shared by the endpoints.</summary>
internal static class ApiResults
{
    /// <summary>404 problem: "No artist with id 999999."</summary>
    public static IResult NotFound(string kind, long id) =>
        TypedResults.Problem(detail: $"No {kind} with id {id}.", statusCode: StatusCodes.Status404NotFound);
}
