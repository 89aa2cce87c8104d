using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Security;

/// <summary>Refuses, at start-up, trust settings the spec forbids or that cannot work; each error names its setting.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<CdsHooksOptions>
{
    private const string Section = CdsHooksOptions.SectionName + ":Security";

    public ValidateOptionsResult Validate(string? name, CdsHooksOptions options)
    {
        var security = options.Security;
        var errors = new List<string>();
        for (var i = 0; i < security.Algorithms.Count; i++)
        {
            if (CdsClientTokenValidator.IsForbiddenAlgorithm(security.Algorithms[i]))
            {
                errors.Add($"{Section}:Algorithms:{i}: '{security.Algorithms[i]}' is not allowed; CDS Hooks 2.0 forbids 'none' and HMAC (symmetric) algorithms. Expected asymmetric ones such as ES384 or RS384.");
            }
        }

        if (!string.IsNullOrEmpty(security.PublicBaseUrl) && !IsHttpUrl(security.PublicBaseUrl, requireHttps: false))
        {
            errors.Add($"{Section}:PublicBaseUrl: expected an absolute http(s) URL such as https://cds.example.org, got '{security.PublicBaseUrl}'.");
        }

        Positive(errors, security.ClockSkew, "ClockSkew", allowZero: true);
        Positive(errors, security.MaxTokenLifetime, "MaxTokenLifetime");
        Positive(errors, security.JwksTimeout, "JwksTimeout");
        Positive(errors, security.JwksCacheDuration, "JwksCacheDuration");
        Positive(errors, security.JwksRefreshInterval, "JwksRefreshInterval", allowZero: true);
        Positive(errors, security.RateLimit.Window, "RateLimit:Window");
        if (security.MaxRequestBodySize <= 0)
        {
            errors.Add($"{Section}:MaxRequestBodySize: expected a positive number of bytes, got {security.MaxRequestBodySize}.");
        }

        if (security.RateLimit.PermitLimit <= 0)
        {
            errors.Add($"{Section}:RateLimit:PermitLimit: expected a positive number, got {security.RateLimit.PermitLimit}.");
        }

        ValidateIssuers(errors, security.TrustedIssuers);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateIssuers(List<string> errors, IList<CdsHooksTrustedIssuer> issuers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < issuers.Count; i++)
        {
            var at = $"{Section}:TrustedIssuers:{i}";
            var issuer = issuers[i];
            if (string.IsNullOrWhiteSpace(issuer.Issuer))
            {
                errors.Add($"{at}:Issuer: required, the exact 'iss' of the client's tokens.");
            }
            else if (!seen.Add(issuer.Issuer))
            {
                errors.Add($"{at}:Issuer: '{issuer.Issuer}' is listed twice.");
            }

            if (issuer.JwksUrls.Count == 0 && issuer.Keys.Count == 0)
            {
                errors.Add($"{at}: no JwksUrls and no Keys; at least one is needed to verify the issuer's tokens.");
            }

            for (var j = 0; j < issuer.JwksUrls.Count; j++)
            {
                if (!IsHttpUrl(issuer.JwksUrls[j], requireHttps: true))
                {
                    errors.Add($"{at}:JwksUrls:{j}: expected an absolute https URL (http only on loopback), got '{issuer.JwksUrls[j]}'.");
                }
            }

            for (var j = 0; j < issuer.Keys.Count; j++)
            {
                ValidateKey(errors, $"{at}:Keys:{j}", issuer.Keys[j]);
            }
        }
    }

    private static void ValidateKey(List<string> errors, string at, IDictionary<string, string> members)
    {
        try
        {
            var key = IssuerKeyResolver.ToJsonWebKey(members);
            if (string.IsNullOrEmpty(key.Kid))
            {
                errors.Add($"{at}:kid: required; tokens name their key by 'kid'.");
            }

            if (key.Kty is not ("EC" or "RSA"))
            {
                errors.Add($"{at}:kty: expected 'EC' or 'RSA' (a public key), got '{key.Kty}'.");
            }
        }
        catch (ArgumentException exception)
        {
            errors.Add($"{at}: not a JSON Web Key ({exception.GetType().Name}).");
        }
    }

    private static bool IsHttpUrl(string value, bool requireHttps) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (!requireHttps || uri.IsLoopback)));

    private static void Positive(List<string> errors, TimeSpan value, string setting, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            errors.Add($"{Section}:{setting}: expected a {(allowZero ? "non-negative" : "positive")} duration such as 00:01:00, got {value}.");
        }
    }
}
