using System.Net;
using Microsoft.AspNetCore.Http;

namespace SoundGraph.Api.Personal;

/// <summary>Endpoint metadata marking personal data (taste dashboard, labels, mixtapes, jobs, the caller's account). Such
/// endpoints are never output-cached and say <c>Cache-Control: no-store</c>; who may call them is their
/// <see cref="Access.AccessRule"/>'s.</summary>
internal sealed class PersonalData
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly PersonalData Instance = new();

    private PersonalData()
    {
    }

    /// <summary>Whether the request's endpoint serves personal data.</summary>
    public static bool Marks(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PersonalData>() is not null;
}

/// <summary>Single-user mode (no identity provider): the store's owner is whoever calls from the machine itself — a
/// loopback address (127.0.0.0/8, ::1, or either mapped into IPv6) <em>and</em> a loopback Host (localhost, a 127.x
/// address, [::1]; the second check, like AllowedHosts, keeps a web page from reading the data through DNS rebinding).
/// Anything else, an unknown remote address included, is anonymous, and personal endpoints refuse it with 403.</summary>
/// <remarks>Behind a reverse proxy every request looks local: configure sign-in before proxying <c>sgr serve</c>.</remarks>
internal static class LoopbackOnly
{
    /// <summary>The detail of the 403 problem.</summary>
    public const string Refusal = "Single-user mode serves personal data on loopback only: call this endpoint from the machine that runs sgr serve, "
        + "at http://127.0.0.1 or http://localhost.";

    /// <summary>Whether <paramref name="context"/>'s request may read personal data.</summary>
    public static bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsLoopback(context.Connection.RemoteIpAddress) && IsLoopbackHost(context.Request.Host.Host);
    }

    /// <summary>True for 127.0.0.0/8 and ::1, also mapped into IPv6 (::ffff:127.0.0.1); false for null (unknown).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True for "localhost", a 127.x address and ::1 (with or without brackets), case-insensitive.</summary>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address);
    }

    /// <summary>The endpoint filter: the 403 problem for a refused request, otherwise the endpoint.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Allows(context.HttpContext)
            ? await next(context).ConfigureAwait(false)
            : TypedResults.Problem(detail: Refusal, statusCode: StatusCodes.Status403Forbidden, title: "Loopback only");
    }
}
