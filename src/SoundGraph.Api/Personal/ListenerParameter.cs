using Microsoft.AspNetCore.Http;
using SoundGraph.Services.Taste;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Api.Personal;

/// <summary>The listener a personal request is for, as <c>who</c> gave it: resolved like <c>sgr taste --user</c>
/// (<see cref="ListenerResolver"/>).</summary>
/// <param name="Id">users.id.</param>
/// <param name="Name">The user's name.</param>
public sealed record ListenerView(long Id, string Name);

/// <summary>Resolves the <c>user</c> of a request to a <see cref="ListenerView"/> or the problem to answer.</summary>
internal static class ListenerParameter
{
    /// <summary>Most candidates a message lists.</summary>
    private const int MaxCandidates = 5;

    /// <summary>Resolves <paramref name="query"/> (already checked to be present). A query that names nobody is a 404 (or,
    /// with <paramref name="notFoundAsBadRequest"/>, a 400 keyed <paramref name="field"/>: a body field, not the resource);
    /// one that names several users, none of them the only one with listens, is a 400 keyed <paramref name="field"/>
    /// listing them.</summary>
    public static async Task<(ListenerView? Listener, IResult? Problem)> ResolveAsync(
        EntityResolver resolver, TasteStore taste, string query, string field = "user", bool notFoundAsBadRequest = false, CancellationToken ct = default)
    {
        var resolved = await ListenerResolver.ResolveAsync(resolver, taste, query, ct).ConfigureAwait(false);
        if (resolved.Listener is { } user)
        {
            return (new ListenerView(user.Id, user.Name), null);
        }

        var echo = ParameterValidation.Echo(query);
        var candidates = resolved.Resolution.Candidates;
        if (candidates.Count > 0 && candidates.All(c => c.Score == 100))
        {
            return (null, Invalid(field, $"'{echo}' names {candidates.Count} users: {List(candidates)}; give one as user:ID."));
        }

        var message = candidates.Count == 0
            ? $"No user matches '{echo}'."
            : $"No user matches '{echo}'; did you mean {List(candidates)}?";
        return (null, notFoundAsBadRequest ? Invalid(field, message) : TypedResults.Problem(detail: message, statusCode: StatusCodes.Status404NotFound));
    }

    /// <summary>A 400 validation problem with one message for <paramref name="field"/>.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static string List(IReadOnlyList<ResolutionCandidate> candidates) =>
        string.Join(", ", candidates.Take(MaxCandidates).Select(c => $"{c.Entity.Name} (user:{c.Entity.Id})"));
}
