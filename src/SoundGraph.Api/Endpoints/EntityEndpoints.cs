using SoundGraph.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Storage.Explore;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /api/tracks/{id}</c>, <c>/api/artists/{id}</c>, <c>/api/users/{id}</c>: one entity's details.</summary>
internal static class EntityEndpoints
{
    public static IEndpointRouteBuilder MapEntityEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/tracks/{id}", GetTrackAsync)
            .WithName("GetTrack")
            .WithTags("Entities")
            .WithSummary("A track's details")
            .WithDescription("Title, album, duration, streams, playlists, credited artists, tags and audio features (null when none were imported).")
            .Produces<TrackView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/artists/{id}", GetArtistAsync)
            .WithName("GetArtist")
            .WithTags("Entities")
            .WithSummary("An artist's details")
            .WithDescription("Credited tracks, listeners, plays, tags and the tracks in the most playlists.")
            .Produces<ArtistView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/users/{id}", GetUserAsync)
            .WithName("GetUser")
            .WithTags("Entities")
            .WithSummary("A listener's details")
            .WithDescription("Artists listened to, plays, friends and the most played artists.")
            .Produces<UserView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static Task<IResult> GetTrackAsync(string id, StoreSessions sessions, CancellationToken cancellationToken) =>
        GetAsync("track", id, sessions, (d, n, ct) => d.TrackAsync(n, ct), cancellationToken);

    private static Task<IResult> GetArtistAsync(string id, StoreSessions sessions, CancellationToken cancellationToken) =>
        GetAsync("artist", id, sessions, (d, n, ct) => d.ArtistAsync(n, ct), cancellationToken);

    private static Task<IResult> GetUserAsync(string id, HttpContext http, StoreSessions sessions, CancellationToken cancellationToken) =>
        GetAsync("user", id, sessions, async (d, n, ct) =>
        {
            // A private listener of someone else answers as one that does not exist.
            var session = await sessions.GetAsync(ct).ConfigureAwait(false);
            return await PrivateListeners.VisibleAsync(http, session, n, ct).ConfigureAwait(false) ? await d.UserAsync(n, ct).ConfigureAwait(false) : null;
        }, cancellationToken);

    private static async Task<IResult> GetAsync<T>(string kind, string id, StoreSessions sessions, Func<DetailsReader, long, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        var check = new ParameterValidation();
        var n = check.Id(id);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var view = await read(session.Details, n, cancellationToken).ConfigureAwait(false);
        return view is null ? ApiResults.NotFound(kind, n) : TypedResults.Ok(view);
    }
}
