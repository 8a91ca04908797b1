using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SoundGraph.Api.Personal;

namespace SoundGraph.Api.Access;

/// <summary>Enforces each endpoint's <see cref="AccessRule"/> before its handler runs (the per-listener check is the
/// handler's, through <see cref="ListenerParameter"/>): 401 without credentials where they are needed (and for an
/// invalid bearer token anywhere), 403 for a non-admin on an admin endpoint or a read-only token used to write, 400 for a
/// cookie session's unsafe request without its antiforgery token, and in single-user mode the loopback refusal for any
/// non-public endpoint called from elsewhere.</summary>
internal static class AccessFilter
{
    /// <summary>Detail of the 401 problem.</summary>
    public const string SignInRequired = "Sign in (GET /signin) or send a personal API token (Authorization: Bearer sgr_…).";

    /// <summary>Detail of the 400 problem for a missing or invalid antiforgery token.</summary>
    public const string AntiforgeryRequired = "Missing or invalid antiforgery token: send the X-CSRF-TOKEN header with the token from GET /api/me.";

    /// <summary>Detail of the 404 problem for an account endpoint in single-user mode.</summary>
    public const string NoAccounts = "Single-user mode has no accounts: tokens, connected services and deleting data need sign-in to be configured (docs/accounts.md).";

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var problem = await CheckAsync(context.HttpContext).ConfigureAwait(false);
        return problem ?? await next(context).ConfigureAwait(false);
    }

    /// <summary>The problem to answer instead of running the endpoint, or null to run it.</summary>
    public static async Task<IResult?> CheckAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (PersonalTokenHandler.Refused(http))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Problem(StatusCodes.Status401Unauthorized, PersonalTokenHandler.Invalid, "Invalid token");
        }

        var rule = AccessRules.RuleOf(http) ?? throw new InvalidOperationException($"The endpoint {http.GetEndpoint()?.DisplayName} has no access rule.");
        var settings = http.RequestServices.GetRequiredService<AuthSettings>();
        var caller = http.Caller();
        if (rule.Level is AccessLevel.Public or AccessLevel.SignIn)
        {
            return null;
        }

        if (settings.IsSingleUser && !caller.IsLocal)
        {
            return Problem(StatusCodes.Status403Forbidden, LoopbackOnly.Refusal, "Loopback only");
        }

        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        switch (rule.Level)
        {
            case AccessLevel.Account when caller.IsLocal:
                return Problem(StatusCodes.Status404NotFound, NoAccounts, "Not found");
            case AccessLevel.Account when caller.AccountId is null:
            case AccessLevel.Admin when !caller.IsAuthenticated:
            case AccessLevel.Listener when unsafeMethod && !caller.IsAuthenticated:
                return Problem(StatusCodes.Status401Unauthorized, SignInRequired, "Sign-in required");
            case AccessLevel.Admin when !caller.IsAdmin:
                return Problem(StatusCodes.Status403Forbidden, "Only an admin may run the pipeline's catalog-wide jobs.", "Forbidden");
        }

        if (unsafeMethod && !caller.CanWrite && caller.IsAuthenticated)
        {
            return Problem(StatusCodes.Status403Forbidden, "This personal API token is read-only: create one with the write scope.", "Forbidden");
        }

        if (unsafeMethod && http.ViaCookieSession()
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return Problem(StatusCodes.Status400BadRequest, AntiforgeryRequired, "Antiforgery token required");
        }

        return null;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string detail, string title) => TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
