using Microsoft.AspNetCore.Http;

namespace SoundGraph.Api;

/// <summary>Responses shared by the endpoints.</summary>
internal static class ApiResults
{
    /// <summary>404 problem: "No artist with id 999999."</summary>
    public static IResult NotFound(string kind, long id) =>
        TypedResults.Problem(detail: $"No {kind} with id {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A 400 validation problem with one message for <paramref name="field"/>.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
