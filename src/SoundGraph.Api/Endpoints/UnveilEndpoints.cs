using SoundGraph.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /api/unveil/{kind}/{id}</c> (the whole report) and <c>GET /api/related/{kind}/{id}</c> (only the
/// related-items sections, by relation kind).</summary>
internal static class UnveilEndpoints
{
    public static IEndpointRouteBuilder MapUnveilEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/unveil/{kind}/{id}", UnveilAsync)
            .WithName("Unveil")
            .WithTags("Unveil")
            .WithSummary("Everything related to a track, artist or user, and why")
            .WithDescription("kind: track | artist | user. limit: items per section, 1–200, default 10. "
                + "The report of `sgr unveil`: facts, then ranked related items with score, exact evidence count and a why.")
            .Produces<UnveilReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/related/{kind}/{id}", RelatedAsync)
            .WithName("Related")
            .WithTags("Unveil")
            .WithSummary("Related items by relation kind")
            .WithDescription("kind: track | artist | user. relation: comma-separated relation codes of that node type "
                + "(track_co_playlist, track_tag_overlap, track_audio_similarity; artist_co_playlist, artist_co_listen, artist_tag_overlap, "
                + "artist_collaboration, artist_co_library; user_jaccard, user_like_jaccard), default all of them. k: 1–200, default 10.")
            .Produces<RelatedResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> UnveilAsync(string kind, string id, string? limit, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "limit");
        var nodeKind = check.Kind(kind);
        var n = check.Id(id);
        var top = check.Range(limit, ApiParameters.SectionLimit);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await session.Resolver.FindByIdAsync(nodeKind!, n, cancellationToken).ConfigureAwait(false);
        if (entity is null || (nodeKind == "user" && !await PrivateListeners.VisibleAsync(request.HttpContext, session, n, cancellationToken).ConfigureAwait(false)))
        {
            return ApiResults.NotFound(nodeKind!, n);
        }

        var report = await session.Unveil.BuildAsync(entity, top, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await PrivateListeners.FilterAsync(request.HttpContext, session, report, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> RelatedAsync(string kind, string id, string? relation, string? k, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "k");
        var nodeKind = check.Kind(kind);
        var n = check.Id(id);
        var relations = check.Relations(relation, nodeKind);
        var top = check.Range(k, ApiParameters.K);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var subject = await session.Resolver.FindSubjectAsync(nodeKind!, n, cancellationToken).ConfigureAwait(false);
        if (subject is null || (nodeKind == "user" && !await PrivateListeners.VisibleAsync(request.HttpContext, session, n, cancellationToken).ConfigureAwait(false)))
        {
            return ApiResults.NotFound(nodeKind!, n);
        }

        var type = ParameterValidation.NodeTypeOf(nodeKind!);
        var groups = new List<RelatedGroup>();
        foreach (var r in relations ?? RelationKinds.All.Where(r => r.NodeType() == type).ToList())
        {
            var section = (await PrivateListeners.FilterAsync(request.HttpContext, session, [await session.Unveil.RelatedSectionAsync(r, n, top, cancellationToken).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false))[0];
            groups.Add(new RelatedGroup(r.Code(), section.Title, section.Items, section.EmptyNote));
        }

        return TypedResults.Ok(new RelatedResponse(subject, groups));
    }
}

/// <summary>The body of <c>GET /api/related/{kind}/{id}</c>.</summary>
internal sealed record RelatedResponse(UnveilSubject Subject, IReadOnlyList<RelatedGroup> Relations);

/// <summary>The related items of one relation kind, best first; <paramref name="EmptyNote"/> says why there are none.</summary>
internal sealed record RelatedGroup(string Relation, string Title, IReadOnlyList<UnveilItem> Items, string? EmptyNote);
