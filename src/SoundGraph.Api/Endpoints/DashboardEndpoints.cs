using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SoundGraph.Api.Personal;
using SoundGraph.Services.Taste;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Api.Endpoints;

/// <summary><c>GET /api/dashboard/trajectory|radar|moods|outliers|map</c>: a listener's taste over time, read from the stored
/// weekly aggregates (<c>sgr taste aggregate</c> or <c>POST /api/aggregate/weeks</c>) and, for moods and outliers, their
/// plays; every value on the listener's calibrated scale. Personal data: loopback only, never cached.</summary>
internal static class DashboardEndpoints
{
    /// <summary>Default window: 12 weeks.</summary>
    public const int DefaultWindow = 12;

    /// <summary>Outliers returned by default.</summary>
    public static readonly IntParameter OutlierLimit = new("limit", 1, 50, 10, "Most tracks to return.");

    /// <summary>Map points returned by default.</summary>
    public static readonly IntParameter MapLimit = new("limit", 1, TasteMaps.MaxPoints, 500, "Most points to return.");

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dashboard/trajectory", TrajectoryAsync)
            .WithName("DashboardTrajectory")
            .WithTags("Dashboard")
            .WithSummary("A listener's weekly centroids per axis with EMA and momentum")
            .WithDescription("user: name, key or user:ID. window: weeks, 1–520 (12w or 12), default 12w: the last aggregated weeks, empty ones included. "
                + "404 when the listener is unknown or not aggregated yet. Loopback only.")
            .Produces<TrajectoryResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/dashboard/radar", RadarAsync)
            .WithName("DashboardRadar")
            .WithTags("Dashboard")
            .WithSummary("One week's centroid per axis against the previous 26 weeks' minute-weighted baseline")
            .WithDescription("user: name, key or user:ID. week: YYYY-Www, default the last week with a counted play. Per axis: value, baseline, baseline sd, delta and z. Loopback only.")
            .Produces<RadarResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/dashboard/moods", MoodsAsync)
            .WithName("DashboardMoods")
            .WithTags("Dashboard")
            .WithSummary("Per week the share of counted minutes in each energy × valence mood")
            .WithDescription("Moods are the quadrants of energy × valence cut at 0.5: happy (happy/energetic), tense (angry/tense), sad (sad/calm), peaceful. "
                + "Shares are of the minutes whose track has both values. window as for trajectory. Loopback only.")
            .Produces<MoodsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/dashboard/outliers", OutliersAsync)
            .WithName("DashboardOutliers")
            .WithTags("Dashboard")
            .WithSummary("The tracks of the last 90 days farthest from that period's centroid")
            .WithDescription("Distance = root mean square z-score over the track's axes (z in the period's minute-weighted sd); the axis that makes it far. limit 1–50, default 10. Loopback only.")
            .Produces<OutliersResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/dashboard/map", MapAsync)
            .WithName("DashboardMap")
            .WithTags("Dashboard")
            .WithSummary("The window's played tracks per week with their axis values, and the weekly centroids (the 2-D taste map's input)")
            .WithDescription("One point per track and week with a counted play: title, artist, plays, minutes, mood and one value per axis on the listener's calibrated scale; "
                + "the centroids are the stored weekly aggregates. window as for trajectory. limit 1–2000, default 500: the points with the most minutes. Loopback only.")
            .Produces<MapResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> TrajectoryAsync(string? user, string? window, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "window");
        var query = check.Listener(user);
        var weeks = check.Weeks(window, "window", DefaultWindow);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        return await ForListenerAsync(request.HttpContext, sessions, query!, async (taste, listener) =>
        {
            var trajectory = await TasteTrajectories.BuildAsync(taste, listener.Id, weeks, cancellationToken).ConfigureAwait(false);
            return trajectory is null ? NotAggregated(listener) : TypedResults.Ok(new TrajectoryResponse(listener, weeks, trajectory));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> RadarAsync(string? user, string? week, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "week");
        var query = check.Listener(user);
        var shown = check.Week(week);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        return await ForListenerAsync(request.HttpContext, sessions, query!, async (taste, listener) =>
        {
            var radar = await TasteRadars.BuildAsync(taste, listener.Id, shown, cancellationToken).ConfigureAwait(false);
            return radar is null ? NotAggregated(listener) : TypedResults.Ok(new RadarResponse(listener, TasteRadars.BaselineWeeks, radar));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> MoodsAsync(string? user, string? window, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "window");
        var query = check.Listener(user);
        var weeks = check.Weeks(window, "window", DefaultWindow);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        return await ForListenerAsync(request.HttpContext, sessions, query!, async (taste, listener) =>
        {
            var moods = await TasteMoodCharts.BuildAsync(taste, listener.Id, weeks, cancellationToken).ConfigureAwait(false);
            return moods is null ? NotAggregated(listener) : TypedResults.Ok(new MoodsResponse(listener, weeks, moods));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> OutliersAsync(string? user, string? limit, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "limit");
        var query = check.Listener(user);
        var count = check.Range(limit, OutlierLimit);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        return await ForListenerAsync(request.HttpContext, sessions, query!, async (taste, listener) =>
        {
            var outliers = await TasteReports.OutliersAsync(taste, listener.Id, count, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new OutliersResponse(listener, TasteReports.OutlierDays, outliers));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> MapAsync(string? user, string? window, string? limit, HttpRequest request, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var check = new ParameterValidation();
        check.Single(request, "user", "window", "limit");
        var query = check.Listener(user);
        var weeks = check.Weeks(window, "window", DefaultWindow);
        var count = check.Range(limit, MapLimit);
        if (!check.IsValid)
        {
            return check.Problem();
        }

        return await ForListenerAsync(request.HttpContext, sessions, query!, async (taste, listener) =>
        {
            var map = await TasteMaps.BuildAsync(taste, listener.Id, weeks, count, cancellationToken).ConfigureAwait(false);
            return map is null ? NotAggregated(listener) : TypedResults.Ok(new MapResponse(listener, weeks, map));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves <paramref name="query"/> on the request's read session and answers with <paramref name="answer"/>
    /// for that listener, or with the resolution's problem (404 unknown, 400 ambiguous).</summary>
    private static async Task<IResult> ForListenerAsync(HttpContext http, StoreSessions sessions, string query, Func<TasteStore, ListenerView, Task<IResult>> answer, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var (listener, problem) = await ListenerParameter.ResolveAsync(http, session.Resolver, session.Taste, session.Accounts, query, write: false, ct: cancellationToken).ConfigureAwait(false);
        return listener is null ? problem! : await answer(session.Taste, listener).ConfigureAwait(false);
    }

    /// <summary>404: the listener exists but has no weekly aggregates.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotAggregated(ListenerView listener) => TypedResults.Problem(
        detail: $"{listener.Name} (user:{listener.Id}) has no weekly aggregates yet: POST /api/aggregate/weeks?user=user:{listener.Id} "
            + "(after `sgr taste score` has placed the tracks on the axes).",
        statusCode: StatusCodes.Status404NotFound);
}

/// <summary>The body of <c>GET /api/dashboard/trajectory</c>.</summary>
/// <param name="Listener">Who.</param>
/// <param name="Window">The window asked for, in weeks (fewer when fewer are aggregated).</param>
/// <param name="Trajectory">The weeks and per axis the centroids, EMA and momentum.</param>
internal sealed record TrajectoryResponse(ListenerView Listener, int Window, TasteTrajectory Trajectory);

/// <summary>The body of <c>GET /api/dashboard/radar</c>.</summary>
/// <param name="Listener">Who.</param>
/// <param name="BaselineWeeks">Weeks in the baseline (26).</param>
/// <param name="Radar">The week and per axis its value against the baseline.</param>
internal sealed record RadarResponse(ListenerView Listener, int BaselineWeeks, TasteRadar Radar);

/// <summary>The body of <c>GET /api/dashboard/moods</c>.</summary>
/// <param name="Listener">Who.</param>
/// <param name="Window">The window asked for, in weeks.</param>
/// <param name="Moods">The bins and per week the minutes and shares.</param>
internal sealed record MoodsResponse(ListenerView Listener, int Window, TasteMoods Moods);

/// <summary>The body of <c>GET /api/dashboard/outliers</c>.</summary>
/// <param name="Listener">Who.</param>
/// <param name="Days">Days before the last listen the centroid covers (90).</param>
/// <param name="Outliers">Farthest first.</param>
internal sealed record OutliersResponse(ListenerView Listener, int Days, IReadOnlyList<TasteOutlier> Outliers);

/// <summary>The body of <c>GET /api/dashboard/map</c>.</summary>
/// <param name="Listener">Who.</param>
/// <param name="Window">The window asked for, in weeks.</param>
/// <param name="Map">The axes, points and weekly centroids.</param>
internal sealed record MapResponse(ListenerView Listener, int Window, TasteMap Map);
