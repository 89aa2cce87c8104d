using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpineDecision.CdsHooks.Cards;
using SpineDecision.CdsHooks.Feedback;
using SpineDecision.CdsHooks.Protocol;
using SpineDecision.CdsHooks.Services;
using SpineDecision.Cases;
using SpineDecision.Fhir;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>
/// Answers one hook call: reads the request, gathers the patient's data (prefetch, else the EHR's FHIR server), maps
/// it with the drafted order to a case, evaluates it and turns the report into cards. Thread-safe; one per host.
/// </summary>
internal sealed class CdsHookHandler
{
    /// <summary>The member the drafted order takes in the mapper's input, beside the prefetch members.</summary>
    private const string DraftOrderMember = "cds-hooks-draft-order";

    private readonly ISpineDecisionEngine _engine;
    private readonly FhirCaseMapper _mapper;
    private readonly PrefetchFetcher _fetcher;
    private readonly CdsHooksOptions _options;
    private readonly TimeProvider _time;
    private readonly ICardIssueLog? _issueLog;
    private readonly ProcedureCodes _codes;
    private readonly CardFactory _cards;

    public CdsHookHandler(ISpineDecisionEngine engine, FhirCaseMapper mapper, PrefetchFetcher fetcher, IOptions<CdsHooksOptions> options, TimeProvider time, IServiceProvider services)
    {
        _engine = engine;
        _mapper = mapper;
        _fetcher = fetcher;
        _options = options.Value;
        _time = time;
        _issueLog = services.GetService<ICardIssueLog>();
        _codes = new ProcedureCodes(engine.Vocabulary);
        _cards = new CardFactory(engine.Vocabulary, _codes, _options.MissingDataLink);
    }

    /// <summary>Answers a call.</summary>
    /// <exception cref="CdsRequestException">The request is malformed (400).</exception>
    /// <exception cref="PrefetchUnavailableException">The data needed can be neither read nor fetched (412).</exception>
    public async Task<CdsResponse> HandleAsync(CdsServiceDefinition service, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var call = CdsCallReader.Read(body.Span, service);
        var orders = call.Orders.Select(o => (Order: o, Procedure: _codes.Resolve(o.Resource))).Where(o => o.Procedure is not null).ToList();
        if (service.AnswersOrders && orders.Count == 0)
        {
            return new CdsResponse([]); // No spine procedure among the orders: nothing to say, and no data to read.
        }

        var fetched = await GatherAsync(call, cancellationToken).ConfigureAwait(false);
        var assessmentDate = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        var cards = new List<CdsCard>();
        var actions = new List<CdsAction>();
        if (!service.AnswersOrders)
        {
            var report = Evaluate(Map(call, fetched, order: null, assessmentDate), requested: null);
            cards.AddRange(_cards.ForPatient(call.HookInstance, report, call.PatientId));
        }

        foreach (var (order, procedure) in orders)
        {
            var patientCase = Map(call, fetched, order, assessmentDate);
            if (!procedure!.IsDefinite)
            {
                cards.Add(_cards.ForAmbiguousOrder(call.HookInstance, order, procedure, Evaluate(patientCase, requested: null)));
                continue;
            }

            var (card, rating) = _cards.ForOrder(call.HookInstance, Evaluate(patientCase, procedure.Code), order, call.PatientId);
            cards.Add(card);
            if (rating is not null)
            {
                actions.Add(rating);
            }
        }

        if (_issueLog is not null && cards.Count > 0)
        {
            await _issueLog.RecordIssuedAsync(service.Id, call.HookInstance, [.. cards.Select(c => c.Uuid)], _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return new CdsResponse(cards, actions.Count > 0 ? actions : null);
    }

    /// <summary>
    /// The prefetch templates the request did not fill are fetched when the EHR gave a FHIR server and a token. With
    /// no prefetch at all, the data must be fetched: without a server and token that is 412. A prefetch key present with
    /// <c>null</c> means "no data" (2.0) and is not fetched.
    /// </summary>
    private async Task<IReadOnlyList<(string Key, string Json)>> GatherAsync(CdsCall call, CancellationToken cancellationToken)
    {
        var canFetch = call.FhirServer is not null && call.AccessToken is not null;
        if (call.Prefetch is null && !canFetch)
        {
            throw new PrefetchUnavailableException("the request carries no prefetch, and no fhirServer with fhirAuthorization to fetch the patient's data from");
        }

        if (!canFetch)
        {
            return [];
        }

        var prefetch = call.Prefetch;
        var missing = CdsServiceCatalogue.Prefetch.Where(t => prefetch is not { } given || !given.TryGetProperty(t.Key, out _)).ToList();
        return missing.Count == 0 ? [] : await _fetcher.FetchAsync(call, missing, _options.FhirTimeout, cancellationToken).ConfigureAwait(false);
    }

    private PatientCase Map(CdsCall call, IReadOnlyList<(string Key, string Json)> fetched, DraftOrder? order, DateOnly assessmentDate)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (call.Prefetch is { } prefetch)
            {
                foreach (var member in prefetch.EnumerateObject())
                {
                    member.WriteTo(writer);
                }
            }

            foreach (var (key, json) in fetched)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            if (order is not null)
            {
                writer.WritePropertyName(DraftOrderMember);
                order.Resource.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        try
        {
            return _mapper.Map(Encoding.UTF8.GetString(buffer.WrittenSpan), assessmentDate).Case;
        }
        catch (FhirMappingException e)
        {
            var path = e.JsonPath.StartsWith("$." + DraftOrderMember, StringComparison.Ordinal) && order is not null
                ? order.Path + e.JsonPath[(2 + DraftOrderMember.Length)..]
                : "$.prefetch" + e.JsonPath[1..];
            var reason = e.Message.StartsWith(e.JsonPath + ": ", StringComparison.Ordinal) ? e.Message[(e.JsonPath.Length + 2)..] : e.Message;
            throw new CdsRequestException(path, reason, e);
        }
    }

    private Reports.RecommendationReport Evaluate(PatientCase patientCase, string? requested)
    {
        try
        {
            return _engine.Evaluate(patientCase, new EvaluationOptions { Explain = true, RequestedProcedure = requested });
        }
        catch (InvalidCaseException e)
        {
            // The mapping writes only valid values, so this is data the EHR sent that contradicts itself.
            throw new CdsRequestException("$.prefetch", "the patient's data do not form a valid case: " + string.Join("; ", e.Problems.Select(p => p.ToString())), e);
        }
    }
}
