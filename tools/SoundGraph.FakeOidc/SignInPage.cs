using System.Text;
using System.Text.Encodings.Web;

namespace SoundGraph.FakeOidc;

/// <summary>The provider's sign-in page: a labelled user-name and password form that posts back to the authorization
/// endpoint with the request's parameters in hidden fields and an antiforgery token, plus the table of test users
/// with their fixed test passwords (a test tool: nothing here is secret).</summary>
internal static class SignInPage
{
    /// <summary>The user-name field (a subject such as <c>alice</c> or an e-mail).</summary>
    public const string UserField = "fake_oidc_user";

    /// <summary>The password field.</summary>
    public const string PasswordField = "fake_oidc_password";

    /// <summary>The submit buttons' field: <c>sign-in</c> or <see cref="DenyAction"/>.</summary>
    public const string ActionField = "fake_oidc_action";

    /// <summary>The value of the Cancel button, answered with <c>access_denied</c>.</summary>
    public const string DenyAction = "deny";

    /// <summary>The antiforgery token's form field.</summary>
    public const string AntiforgeryField = "fake_oidc_antiforgery";

    /// <summary>The form's own fields, which are not parameters of the authorization request.</summary>
    public static IReadOnlySet<string> OwnFields { get; } = new HashSet<string>(StringComparer.Ordinal) { UserField, PasswordField, ActionField, AntiforgeryField };

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.4}"
        + "label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}"
        + "button{margin:1rem .5rem 0 0;padding:.5rem 1rem;font-size:1rem}.error{color:#b00020;font-weight:600}"
        + "table{border-collapse:collapse;margin-top:2rem}caption{text-align:left;font-weight:600}th,td{text-align:left;padding:.2rem 1rem .2rem 0}";

    /// <summary>The page's HTML.</summary>
    /// <param name="clientId">The requesting client, shown to the user.</param>
    /// <param name="carried">The authorization request's parameters, posted back as hidden fields.</param>
    /// <param name="antiforgeryToken">The request token matching the antiforgery cookie.</param>
    /// <param name="users">The test users listed under the form.</param>
    /// <param name="typed">The user name to prefill (a login hint, or what was typed before an error).</param>
    /// <param name="error">The error to announce, or null.</param>
    /// <returns>A complete HTML document; every value is HTML-encoded.</returns>
    public static string Render(string clientId, IEnumerable<KeyValuePair<string, string>> carried, string antiforgeryToken, IEnumerable<FakeOidcUser> users, string? typed, string? error)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder(4096);
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Sign in · SoundGraph test provider</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Sign in</h1>\n")
            .Append("<p>Local OpenID Connect provider for tests and demos. The app <strong>").Append(e.Encode(clientId))
            .Append("</strong> asks you to sign in with a test user.</p>\n");
        var invalid = "";
        if (error is not null)
        {
            html.Append("<p id=\"sign-in-error\" class=\"error\" role=\"alert\">").Append(e.Encode(error)).Append("</p>\n");
            invalid = " aria-invalid=\"true\" aria-describedby=\"sign-in-error\"";
        }

        html.Append("<form method=\"post\" action=\"").Append(FakeOidcServer.AuthorizePath).Append("\">\n");
        foreach (var (name, value) in carried)
        {
            Hidden(html, e, name, value);
        }

        Hidden(html, e, AntiforgeryField, antiforgeryToken);
        html.Append("<label for=\"").Append(UserField).Append("\">User name or e-mail</label>\n")
            .Append("<input id=\"").Append(UserField).Append("\" name=\"").Append(UserField)
            .Append("\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required value=\"").Append(e.Encode(typed ?? "")).Append('"').Append(invalid).Append(">\n")
            .Append("<label for=\"").Append(PasswordField).Append("\">Password</label>\n")
            .Append("<input id=\"").Append(PasswordField).Append("\" name=\"").Append(PasswordField)
            .Append("\" type=\"password\" autocomplete=\"current-password\" required").Append(invalid).Append(">\n")
            .Append("<button type=\"submit\" name=\"").Append(ActionField).Append("\" value=\"sign-in\">Sign in</button>\n")
            .Append("<button type=\"submit\" name=\"").Append(ActionField).Append("\" value=\"").Append(DenyAction).Append("\" formnovalidate>Cancel</button>\n")
            .Append("</form>\n")
            .Append("<table>\n<caption>Test users (fixed test passwords)</caption>\n")
            .Append("<thead><tr><th scope=\"col\">User name</th><th scope=\"col\">E-mail</th><th scope=\"col\">Name</th><th scope=\"col\">Password</th></tr></thead>\n<tbody>\n");
        foreach (var user in users)
        {
            html.Append("<tr><td>").Append(e.Encode(user.Subject)).Append("</td><td>").Append(e.Encode(user.Email))
                .Append(user.EmailVerified ? "" : " (not verified)").Append("</td><td>").Append(e.Encode(user.Name))
                .Append("</td><td>").Append(e.Encode(user.Password)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The page shown after an end-session request without a post-logout redirect URI.</summary>
    /// <returns>A complete HTML document.</returns>
    public static string SignedOut() =>
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Signed out · SoundGraph test provider</title>\n</head>\n"
        + "<body>\n<main>\n<h1>Signed out</h1>\n<p>The test provider keeps no session; you can close this page.</p>\n</main>\n</body>\n</html>\n";

    private static void Hidden(StringBuilder html, HtmlEncoder e, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(e.Encode(name)).Append("\" value=\"").Append(e.Encode(value)).Append("\">\n");
}
