using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SoundGraph.Api.Access;

/// <summary>Who may call an endpoint. Every endpoint carries one (<see cref="AccessRules.RequireAccess{T}"/>); a route
/// without a rule fails the authorization matrix test.</summary>
public enum AccessLevel
{
    /// <summary>Anyone: public catalog data (private listeners are filtered out of its answers).</summary>
    Public,

    /// <summary>A listener's data: reads of a public listener are open; a private listener's data is its owner's and
    /// admins' (404 to anyone else); writes need the owner or an admin. The handler checks the listener
    /// (<see cref="Personal.ListenerParameter"/>).</summary>
    Listener,

    /// <summary>The caller's own account (tokens, connected services, deleting their data): signed in or a token.</summary>
    Account,

    /// <summary>The pipeline's catalog-wide jobs: admins (and the local owner in single-user mode).</summary>
    Admin,

    /// <summary>Sign-in and sign-out pages.</summary>
    SignIn,
}

/// <summary>Endpoint metadata: the endpoint's <see cref="AccessLevel"/>.</summary>
/// <param name="Level">Who may call it.</param>
public sealed record AccessRule(AccessLevel Level);

/// <summary>Attaching <see cref="AccessRule"/>s.</summary>
public static class AccessRules
{
    /// <summary>Marks the endpoints of <paramref name="builder"/> with <paramref name="level"/>.</summary>
    public static T RequireAccess<T>(this T builder, AccessLevel level)
        where T : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new AccessRule(level));
    }

    /// <summary>The rule of the request's endpoint, or null.</summary>
    public static AccessRule? RuleOf(HttpContext context) => context?.GetEndpoint()?.Metadata.GetMetadata<AccessRule>();
}
