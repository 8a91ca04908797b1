namespace SoundGraph.FakeOidc;

/// <summary>Options of <see cref="FakeOidcServer"/>: port, clients, test users and the test-only sign-in shortcut.</summary>
public sealed record FakeOidcOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    /// <value>Default 0.</value>
    public int Port { get; init; }

    /// <summary>The client applications allowed to sign users in.</summary>
    /// <value>Default one confidential client, <see cref="FakeOidcClient.Default"/> (<c>soundgraph</c>).</value>
    public IReadOnlyList<FakeOidcClient> Clients { get; init; } = [FakeOidcClient.Default];

    /// <summary>The test users who can sign in (by subject or e-mail, with their test password).</summary>
    /// <value>Default <see cref="FakeOidcUser.Defaults"/>: alice, bob, admin and carol (whose e-mail is not verified).</value>
    public IReadOnlyList<FakeOidcUser> Users { get; init; } = FakeOidcUser.Defaults;

    /// <summary>Whether an authorization request whose <c>login_hint</c> names a test user (subject or e-mail) is
    /// approved for that user at once, without the sign-in page. TEST-ONLY: it lets API tests run the code flow
    /// with a plain HttpClient; no real provider signs anybody in from a hint.</summary>
    /// <value>Default true.</value>
    public bool ApproveLoginHint { get; init; } = true;

    /// <summary>Lifetime of an authorization code.</summary>
    /// <value>Default 5 minutes; 1 s to 1 hour.</value>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of an identity token and of an access token.</summary>
    /// <value>Default 1 hour; 1 s to 1 day.</value>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The <see cref="SigningAlgorithm"/> of ECDSA P-256 keys.</summary>
    public const string Es256 = "ES256";

    /// <summary>The <see cref="SigningAlgorithm"/> of RSA 2048 keys (Google's).</summary>
    public const string Rs256 = "RS256";

    /// <summary>The JWS algorithm of the ephemeral key that signs id_tokens and access tokens: <see cref="Es256"/>
    /// (ECDSA P-256, made in about a millisecond) or <see cref="Rs256"/> (RSA 2048, as Google signs; making the key
    /// costs about a second of CPU, which adds up over tests that each start a provider).</summary>
    /// <value>Default <see cref="Es256"/>.</value>
    public string SigningAlgorithm { get; init; } = Es256;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An unknown signing algorithm, no client or no user, a duplicate client id or user subject or e-mail,
    /// an empty field, or a user name that is also another user's e-mail.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port or a lifetime is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(AuthorizationCodeLifetime, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AuthorizationCodeLifetime, TimeSpan.FromHours(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLifetime, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TokenLifetime, TimeSpan.FromDays(1));
        if (SigningAlgorithm is not (Es256 or Rs256))
        {
            throw new ArgumentException($"Signing algorithm '{SigningAlgorithm}' is neither {Es256} nor {Rs256}.", nameof(SigningAlgorithm));
        }

        if (Clients is not { Count: > 0 })
        {
            throw new ArgumentException("At least one client is needed.", nameof(Clients));
        }

        if (Users is not { Count: > 0 })
        {
            throw new ArgumentException("At least one test user is needed.", nameof(Users));
        }

        foreach (var client in Clients)
        {
            client.Validate();
        }

        foreach (var user in Users)
        {
            user.Validate();
        }

        if (Clients.GroupBy(c => c.ClientId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twiceClient)
        {
            throw new ArgumentException($"Client id '{twiceClient.Key}' is configured twice.", nameof(Clients));
        }

        // A user is found by subject or e-mail, so no name may stand for two users.
        var names = Users.SelectMany(u => new[] { u.Subject, u.Email }.Distinct(StringComparer.OrdinalIgnoreCase));
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twiceUser)
        {
            throw new ArgumentException($"'{twiceUser.Key}' names more than one test user.", nameof(Users));
        }
    }

    /// <summary>The user whose subject or e-mail is <paramref name="name"/> (case-insensitive), if any.</summary>
    /// <param name="name">A subject such as <c>alice</c> or an e-mail such as <c>alice@example.test</c>.</param>
    /// <returns>The user, or null.</returns>
    public FakeOidcUser? FindUser(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed)
            ? null
            : Users.FirstOrDefault(u => string.Equals(u.Subject, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(u.Email, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The client whose id is <paramref name="clientId"/> (ordinal), if any.</summary>
    /// <param name="clientId">The <c>client_id</c> of a request.</param>
    /// <returns>The client, or null.</returns>
    public FakeOidcClient? FindClient(string? clientId) =>
        clientId is null ? null : Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));
}

/// <summary>A TEST user of the fake provider. Its password is a fixed test password shown on the sign-in page.</summary>
/// <param name="Subject">The <c>sub</c> claim, stable and unique, e.g. <c>alice</c>; also a user name on the sign-in page.</param>
/// <param name="Email">The <c>email</c> claim (scope <c>email</c>); also a user name on the sign-in page.</param>
/// <param name="Name">The <c>name</c> claim (scope <c>profile</c>).</param>
/// <param name="Password">The fixed test password the sign-in page accepts.</param>
/// <param name="EmailVerified">The <c>email_verified</c> claim (scope <c>email</c>).</param>
public sealed record FakeOidcUser(string Subject, string Email, string Name, string Password, bool EmailVerified = true)
{
    /// <summary>The default test users (domain <c>example.test</c>, reserved by RFC 2606, so no real mailbox):
    /// alice, bob, admin, and carol whose e-mail is NOT verified. Password: the subject + <c>-password</c>.</summary>
    public static IReadOnlyList<FakeOidcUser> Defaults { get; } =
    [
        new("alice", "alice@example.test", "Alice", "alice-password"),
        new("bob", "bob@example.test", "Bob", "bob-password"),
        new("admin", "admin@example.test", "Admin", "admin-password"),
        new("carol", "carol@example.test", "Carol (unverified e-mail)", "carol-password", EmailVerified: false),
    ];

    /// <summary>Checks the fields.</summary>
    /// <exception cref="ArgumentException">A field is empty or the e-mail has no <c>@</c>.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(Email);
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrEmpty(Password);
        if (!Email.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Email}' is not an e-mail address.", nameof(Email));
        }
    }
}

/// <summary>A client application of the fake provider.</summary>
/// <remarks>Besides the exact <see cref="RedirectUris"/>, a redirect URI is accepted when it is http or https on a
/// loopback host (<c>127.0.0.1</c>, <c>localhost</c>, <c>[::1]</c>) with ANY port and a path in
/// <see cref="LoopbackRedirectPaths"/>, because the app under test listens on a free port chosen at start. This
/// laxness is acceptable only for a loopback test tool: a real provider must match registered redirect URIs exactly.</remarks>
public sealed record FakeOidcClient
{
    /// <summary>The default client: <c>soundgraph</c>, secret <c>soundgraph-test-secret</c> (a demo secret of this
    /// fake only), redirect path <c>/signin-oidc</c> and post-logout path <c>/signout-callback-oidc</c>
    /// (the defaults of ASP.NET Core's OpenID Connect handler) on any loopback port.</summary>
    public static FakeOidcClient Default { get; } = new() { ClientId = "soundgraph", ClientSecret = "soundgraph-test-secret" };

    /// <summary>The <c>client_id</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>client_secret</c> of a confidential client (sent with <c>client_secret_basic</c> or
    /// <c>client_secret_post</c>); null makes a public client, which authenticates with PKCE alone.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Redirect URIs accepted exactly (ordinal comparison).</summary>
    /// <value>Default none.</value>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Paths accepted as redirect URIs on any loopback host and port (see the remarks of the type).</summary>
    /// <value>Default <c>/signin-oidc</c>.</value>
    public IReadOnlyList<string> LoopbackRedirectPaths { get; init; } = ["/signin-oidc"];

    /// <summary>Post-logout redirect URIs accepted exactly (ordinal comparison).</summary>
    /// <value>Default none.</value>
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Paths accepted as post-logout redirect URIs on any loopback host and port.</summary>
    /// <value>Default <c>/signout-callback-oidc</c>.</value>
    public IReadOnlyList<string> LoopbackPostLogoutRedirectPaths { get; init; } = ["/signout-callback-oidc"];

    /// <summary>Whether <paramref name="uri"/> is an allowed redirect URI of this client.</summary>
    /// <param name="uri">The <c>redirect_uri</c> of an authorization request.</param>
    /// <returns>True when it is one of <see cref="RedirectUris"/> or a loopback URI with a path in <see cref="LoopbackRedirectPaths"/>.</returns>
    public bool AllowsRedirectUri(string? uri) => Allows(uri, RedirectUris, LoopbackRedirectPaths);

    /// <summary>Whether <paramref name="uri"/> is an allowed post-logout redirect URI of this client.</summary>
    /// <param name="uri">The <c>post_logout_redirect_uri</c> of an end-session request.</param>
    /// <returns>True when it is one of <see cref="PostLogoutRedirectUris"/> or a loopback URI with a path in <see cref="LoopbackPostLogoutRedirectPaths"/>.</returns>
    public bool AllowsPostLogoutRedirectUri(string? uri) => Allows(uri, PostLogoutRedirectUris, LoopbackPostLogoutRedirectPaths);

    /// <summary>Checks the fields.</summary>
    /// <exception cref="ArgumentException">The client id is empty, the secret is empty but not null, an exact URI is
    /// not an absolute http(s) URI, or a loopback path does not start with <c>/</c>.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientId);
        if (ClientSecret is { Length: 0 })
        {
            throw new ArgumentException("A client secret is null (public client) or not empty.", nameof(ClientSecret));
        }

        foreach (var uri in RedirectUris.Concat(PostLogoutRedirectUris))
        {
            // Scheme checked too: on Unix "/path" parses as an absolute file: URI.
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{uri}' is not an absolute http(s) URI.", nameof(RedirectUris));
            }
        }

        foreach (var path in LoopbackRedirectPaths.Concat(LoopbackPostLogoutRedirectPaths))
        {
            if (!path.StartsWith('/'))
            {
                throw new ArgumentException($"Loopback path '{path}' does not start with '/'.", nameof(LoopbackRedirectPaths));
            }
        }
    }

    private static bool Allows(string? uri, IReadOnlyList<string> exact, IReadOnlyList<string> loopbackPaths)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return false;
        }

        if (exact.Contains(uri, StringComparer.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https"
            && parsed.IsLoopback
            && parsed.Host is "127.0.0.1" or "localhost" or "[::1]"
            && string.IsNullOrEmpty(parsed.UserInfo)
            && string.IsNullOrEmpty(parsed.Query)
            && string.IsNullOrEmpty(parsed.Fragment)
            && loopbackPaths.Contains(parsed.AbsolutePath, StringComparer.Ordinal);
    }
}
