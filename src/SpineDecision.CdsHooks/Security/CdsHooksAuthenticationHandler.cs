using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Security;

/// <summary>
/// Authenticates CDS clients by their bearer JWT. A refused caller gets 401 with a bare <c>WWW-Authenticate: Bearer</c>:
/// the reason is logged for operators (without PHI: the token's contents are never logged) and never sent back.
/// </summary>
internal sealed partial class CdsHooksAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CdsClientTokenValidator validator,
    CdsHooksTrustState state,
    IOptions<CdsHooksOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>The claim type the trusted issuer is recorded under (and the rate limit partitions by).</summary>
    public const string IssuerClaim = "iss";

    /// <summary>The category of the refusal reasons (the handler's own category is held to Warning: its base logs every refusal at Information).</summary>
    public const string LogCategory = "SpineDecision.CdsHooks.Trust";

    private readonly ILogger _log = loggerFactory.CreateLogger(LogCategory);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (state.AuthenticationDisabled)
        {
            return Success("development-loopback");
        }

        var check = await validator.CheckAsync(Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, Audience(), Context.RequestAborted).ConfigureAwait(false);
        if (check.Trusted)
        {
            return Success(check.Issuer!);
        }

        var rejection = check.Rejection!.Value;
        if (rejection == TokenRejection.MissingBearer)
        {
            LogRefusedQuietly(_log, rejection);
        }
        else
        {
            LogRefused(_log, rejection);
        }

        return AuthenticateResult.Fail("The caller is not trusted.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(string issuer)
    {
        var identity = new ClaimsIdentity([new Claim(IssuerClaim, issuer)], Scheme.Name, IssuerClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>The exact URL called, as the client sees it: the configured public base URL, else the request's own.</summary>
    private string Audience()
    {
        var publicBase = options.Value.Security.PublicBaseUrl;
        return string.IsNullOrEmpty(publicBase)
            ? UriHelper.BuildAbsolute(Request.Scheme, Request.Host, Request.PathBase, Request.Path)
            : publicBase.TrimEnd('/') + Request.Path.ToUriComponent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks caller refused (401): {Rejection}")]
    private static partial void LogRefused(ILogger logger, TokenRejection rejection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CDS Hooks caller refused (401): {Rejection}")]
    private static partial void LogRefusedQuietly(ILogger logger, TokenRejection rejection);
}
