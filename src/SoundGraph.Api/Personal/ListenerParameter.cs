using Microsoft.AspNetCore.Http;
using SoundGraph.Api.Access;
using SoundGraph.Services.Accounts;
using SoundGraph.Services.Taste;
using SoundGraph.Storage.Accounts;
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

    /// <summary>Resolves <paramref name="query"/> (already checked to be present) for the request's caller. A query that
    /// names nobody the caller may see is a 404 (or, with <paramref name="notFoundAsBadRequest"/>, a 400 keyed
    /// <paramref name="field"/>: a body field, not the resource) — a private listener of someone else answers exactly as
    /// one that does not exist, and is never listed as a candidate; one that names several visible users, none of them the
    /// only one with listens, is a 400 keyed <paramref name="field"/> listing them. With <paramref name="write"/>, a public
    /// listener the caller does not own is a 403.</summary>
    public static async Task<(ListenerView? Listener, IResult? Problem)> ResolveAsync(
        HttpContext http, EntityResolver resolver, TasteStore taste, AccountStore accounts, string query, bool write,
        string field = "user", bool notFoundAsBadRequest = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(accounts);
        var caller = http.Caller();
        var resolved = await ListenerResolver.ResolveAsync(resolver, taste, query, ct).ConfigureAwait(false);
        var echo = ParameterValidation.Echo(query);
        var candidates = resolved.Resolution.Candidates;
        var chosen = resolved.Listener;
        if (!caller.IsAdmin && candidates.Count > 0)
        {
            var hidden = await accounts.HiddenListenersAsync([.. candidates.Select(c => c.Entity.Id)], caller.AccountId, ct).ConfigureAwait(false);
            candidates = [.. candidates.Where(c => !hidden.Contains(c.Entity.Id))];
            if (resolved.Resolution.Match is null && hidden.Count > 0)
            {
                // "The only exact match with listens" is chosen again among the visible ones, so a hidden listener
                // neither changes which one a name means nor shows that it exists.
                var listeners = (await taste.ListenersAsync(ct).ConfigureAwait(false)).Select(l => l.Id).ToHashSet();
                var withListens = candidates.Where(c => c.Score == 100 && listeners.Contains(c.Entity.Id)).ToList();
                chosen = withListens.Count == 1 ? withListens[0].Entity : null;
            }
        }

        var user = chosen is { } found ? (found.Id, found.Name) : candidates is [{ Score: 100 } only] ? (only.Entity.Id, only.Entity.Name) : ((long, string)?)null;
        if (user is { } u)
        {
            switch (ListenerAccess.Decide(caller, await accounts.ListenerAsync(u.Item1, ct).ConfigureAwait(false), write))
            {
                case AccessDecision.Allow:
                    return (new ListenerView(u.Item1, u.Item2), null);
                case AccessDecision.Forbidden:
                    return (null, TypedResults.Problem(detail: caller.CanWrite || !caller.IsAuthenticated
                        ? $"'{echo}' is a public listener you do not own: only its owner or an admin may change its data."
                        : "This personal API token is read-only: create one with the write scope.", statusCode: StatusCodes.Status403Forbidden));
                default:
                    candidates = [];
                    break;
            }
        }

        if (candidates.Count > 0 && candidates.All(c => c.Score == 100))
        {
            return (null, ApiResults.Invalid(field, $"'{echo}' names {candidates.Count} users: {List(candidates)}; give one as user:ID."));
        }

        var message = candidates.Count == 0
            ? $"No user matches '{echo}'."
            : $"No user matches '{echo}'; did you mean {List(candidates)}?";
        return (null, notFoundAsBadRequest ? ApiResults.Invalid(field, message) : TypedResults.Problem(detail: message, statusCode: StatusCodes.Status404NotFound));
    }

    private static string List(IReadOnlyList<ResolutionCandidate> candidates) =>
        string.Join(", ", candidates.Take(MaxCandidates).Select(c => $"{c.Entity.Name} (user:{c.Entity.Id})"));
}
