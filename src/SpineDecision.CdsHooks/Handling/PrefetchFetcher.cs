using System.Net.Http.Headers;
using System.Text.Json;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>
/// Fetches prefetch the EHR did not send from its FHIR server (<c>fhirServer</c>, with the <c>fhirAuthorization</c>
/// bearer token), all templates at once, within <see cref="CdsHooksOptions.FhirTimeout"/>.
/// </summary>
internal sealed class PrefetchFetcher
{
    /// <summary>The name of the HttpClient the service registers for fetching.</summary>
    public const string ClientName = "SpineDecision.CdsHooks.Fhir";

    private readonly IHttpClientFactory _clients;

    public PrefetchFetcher(IHttpClientFactory clients)
    {
        _clients = clients;
    }

    /// <summary>Fetches every template, returning each key's JSON text.</summary>
    /// <exception cref="PrefetchUnavailableException">The server could not be read in time or answered an error.</exception>
    public async Task<IReadOnlyList<(string Key, string Json)>> FetchAsync(CdsCall call, IEnumerable<KeyValuePair<string, string>> templates, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var server = call.FhirServer ?? throw new PrefetchUnavailableException("the request has no fhirServer to fetch from");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var client = _clients.CreateClient(ClientName);
        var baseUrl = server.AbsoluteUri.TrimEnd('/') + "/";
        var fetches = templates.Select(async template =>
        {
            var query = Fill(template.Value, call);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl + query));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
            if (call.AccessToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new PrefetchUnavailableException($"the FHIR server answered {(int)response.StatusCode} to prefetch '{template.Key}' ({template.Value.Split('?')[0]})");
                }

                var json = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
                using (JsonDocument.Parse(json))
                {
                    // Checked here so that a bad answer names its prefetch key, not a position in the merged input.
                }

                return (template.Key, json);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PrefetchUnavailableException($"the FHIR server did not answer prefetch '{template.Key}' within {timeout.TotalSeconds:0.###} s (FhirTimeout)");
            }
            catch (HttpRequestException e)
            {
                throw new PrefetchUnavailableException($"the FHIR server could not be reached for prefetch '{template.Key}': {e.HttpRequestError}", e);
            }
            catch (JsonException e)
            {
                throw new PrefetchUnavailableException($"the FHIR server answered prefetch '{template.Key}' with invalid JSON", e);
            }
        });
        return await Task.WhenAll(fetches).ConfigureAwait(false);
    }

    /// <summary>Replaces the 2.0 prefetch tokens the templates use.</summary>
    private static string Fill(string template, CdsCall call) => template.Replace("{{context.patientId}}", Uri.EscapeDataString(call.PatientId), StringComparison.Ordinal);
}
