using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpineDecision.CdsHooks.Handling;
using SpineDecision.CdsHooks.Protocol;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision.CdsHooks.Cards;

/// <summary>
/// Turns a report into cards. Per disposition: urgent evaluation (red flag) → <c>critical</c>, no suggestion;
/// not indicated → <c>warning</c> with why-not, suggestions to delete the order or replace it with what is indicated
/// (<c>at-most-one</c>) and override reasons; defer → <c>warning</c> with when to reassess; conditional →
/// <c>warning</c> with the conditions to meet; information needed → <c>info</c> listing exactly the missing data and a
/// link, and no rating; proceed → <c>info</c>. For an order, every disposition but information needed also gives a
/// system action attaching the rating (<see cref="CdsHooksUris.RatingExtension"/>) to the order.
/// </summary>
internal sealed class CardFactory
{
    private const int MaxSummary = 139;
    private const int MaxAlternatives = 3;

    private static readonly IReadOnlyList<CdsCoding> OverrideReasons =
    [
        new("clinical-judgement", CdsHooksUris.OverrideReasonSystem, "Clinical judgement: the criteria do not fit this patient"),
        new("data-not-in-record", CdsHooksUris.OverrideReasonSystem, "The criteria are met by data not in the record"),
        new("patient-preference", CdsHooksUris.OverrideReasonSystem, "Patient declined the alternative after discussion"),
        new("payer-exception", CdsHooksUris.OverrideReasonSystem, "Payer exception or prior authorisation obtained"),
    ];

    private readonly ConceptVocabulary _vocabulary;
    private readonly ProcedureCodes _codes;
    private readonly IReadOnlyList<CdsLink>? _missingDataLinks;

    public CardFactory(ConceptVocabulary vocabulary, ProcedureCodes codes, Uri? missingDataLink)
    {
        _vocabulary = vocabulary;
        _codes = codes;
        _missingDataLinks = missingDataLink is null ? null : [new CdsLink("Case data SpineDecision reads", missingDataLink.AbsoluteUri, "absolute")];
    }

    /// <summary>The card (and rating action) for one drafted order the engine answered.</summary>
    public (CdsCard Card, CdsAction? Rating) ForOrder(string hookInstance, RecommendationReport report, DraftOrder order, string patientId)
    {
        var decision = report.Request ?? throw new InvalidOperationException("the report answers no request");
        var card = Build(hookInstance, report, decision.Disposition, decision.Procedure, decision.Reasons, order, patientId);
        var rating = decision.Disposition == Dispositions.InformationNeeded || order.Id is null ? null : Rating(report, decision, order);
        return (card, rating);
    }

    /// <summary>The card for an order whose code is billed for several procedures: which one is meant is missing data.</summary>
    public CdsCard ForAmbiguousOrder(string hookInstance, DraftOrder order, OrderedProcedure procedure, RecommendationReport report)
    {
        var names = string.Join(", ", procedure.Candidates.Select(c => c.Display));
        var detail = new CardMarkdown(_vocabulary, Dispositions.InformationNeeded)
            .Section("Missing data", [$"Which procedure the order is for: {procedure.Code.Replace(':', ' ')} is billed for {names}. Add a coding in {Fhir.SpineDecisionFhirUris.ConceptSystem("procedure")} with one of: {string.Join(", ", procedure.Candidates.Select(c => c.Id))}."])
            .Build(report.Provenance);
        return new CdsCard(CardIds.For(hookInstance, "procedure-code", order.Target),
            Summary($"Information needed: {procedure.Code.Replace(':', ' ')} is billed for several procedures; say which is ordered"),
            "info", new CdsSource("SpineDecision procedure vocabulary"), detail,
            Links: _missingDataLinks);
    }

    /// <summary>The cards for patient-view: a critical card per red flag, else one card for the top pathway.</summary>
    public IReadOnlyList<CdsCard> ForPatient(string hookInstance, RecommendationReport report, string patientId)
    {
        var target = "Patient/" + patientId;
        if (report.HasRedFlag)
        {
            return [.. report.Alerts.Where(a => a.Category == "red-flag").Select(a => RedFlagCard(hookInstance, report, [a], target, procedure: null))];
        }

        var pathway = report.Pathways.FirstOrDefault(p => p.Disposition == report.Disposition);
        if (pathway is null)
        {
            return [];
        }

        var procedure = pathway.Reasons.Select(r => r.Procedure).FirstOrDefault(p => p is not null);
        return [Build(hookInstance, report, pathway.Disposition, procedure, pathway.Reasons, order: null, patientId, pathway.Display)];
    }

    private CdsCard Build(string hookInstance, RecommendationReport report, string disposition, ProcedureInfo? procedure,
        ImmutableArray<DecisionReason> reasons, DraftOrder? order, string patientId, string? pathwayDisplay = null)
    {
        var target = order?.Target ?? "Patient/" + patientId;
        var name = procedure?.Display ?? pathwayDisplay ?? "the spine procedure";
        if (disposition == Dispositions.UrgentEvaluation)
        {
            return RedFlagCard(hookInstance, report, [.. report.Alerts.Where(a => a.Category == "red-flag")], target, procedure);
        }

        var rule = reasons.Select(r => r.Rule).FirstOrDefault(r => r is not null);
        var detail = new CardMarkdown(_vocabulary, disposition);
        foreach (var reason in reasons)
        {
            detail.Cite(reason.Rule);
        }

        var id = CardIds.For(hookInstance, rule?.RuleId ?? disposition, target);
        switch (disposition)
        {
            case Dispositions.InformationNeeded:
                {
                    var missing = MissingData(report, procedure);
                    foreach (var item in missing)
                    {
                        detail.Cite(item.Rule);
                    }

                    detail.Section("Missing data", missing.Select(m => $"{m.Datum}: {m.Why}"))
                        .Section("Criteria not yet decided", WhyNot(report, procedure, detail, "unknown"));
                    return new CdsCard(id, Summary($"Information needed to rate {name}: {missing.Count} item{(missing.Count == 1 ? "" : "s")} missing"), "info",
                        Source(rule), detail.Build(report.Provenance),
                        Links: _missingDataLinks);
                }

            case Dispositions.NotIndicated:
                {
                    detail.Section("Why not", reasons.Select(r => r.Text))
                        .Section("Criteria not met", WhyNot(report, procedure, detail, status: null));
                    var alternatives = Alternatives(report, procedure);
                    detail.Section("Indicated instead", alternatives.Select(a => $"{a.Procedure.Display}: {a.Rationale}"));
                    foreach (var alternative in alternatives)
                    {
                        detail.Cite(alternative.Rule);
                    }

                    var suggestions = order?.Id is null ? null : Suggestions(id, order, alternatives, patientId);
                    var first = reasons.FirstOrDefault(r => r.Kind != "not-recommended")?.Text;
                    return new CdsCard(id, Summary(first is null ? $"{name} is not indicated" : $"{name} not indicated: {_vocabulary.DisplayText(first)}"), "warning",
                        Source(rule), AddPrecautions(detail, report, procedure).Build(report.Provenance), suggestions,
                        suggestions is null ? null : "at-most-one", OverrideReasons);
                }

            case Dispositions.Defer:
                {
                    var reassess = report.Withheld.Where(w => w.Temporary && reasons.Any(r => r.Rule?.RuleId == w.Rule.RuleId)).Select(w => w.Reassess!).FirstOrDefault();
                    detail.Section("Why defer", reasons.Select(r => r.Text));
                    return new CdsCard(id, Summary(reassess is null ? $"Defer {name}" : $"Defer {name}: reassess {reassess}"), "warning",
                        Source(rule), AddPrecautions(detail, report, procedure).Build(report.Provenance), OverrideReasons: OverrideReasons);
                }

            default:
                {
                    var recommendation = report.Recommendations.FirstOrDefault(r => r.Procedure.Id == procedure?.Id);
                    detail.Section("Rationale", recommendation is null ? reasons.Select(r => r.Text) : [recommendation.Rationale])
                        .Section("Criteria met", recommendation?.Explanation.Criteria ?? [])
                        .Section("Next steps", recommendation?.NextSteps ?? []);
                    AddPrecautions(detail, report, procedure);
                    var conditional = disposition == Dispositions.Conditional;
                    var condition = report.Precautions.FirstOrDefault(p => p.Severity == PrecautionSeverities.MustAddress && (p.Procedure is null || IsA(procedure, p.Procedure)))?.Text;
                    var summary = conditional
                        ? condition is null ? $"{name}: proceed once the conditions are met" : $"{name}: proceed once {Lower(_vocabulary.DisplayText(condition))}"
                        : order is null ? $"Indicated next: {name}" : $"{name} meets the criteria";
                    return new CdsCard(id, Summary(summary), conditional ? "warning" : "info", Source(rule), detail.Build(report.Provenance));
                }
        }
    }

    private CdsCard RedFlagCard(string hookInstance, RecommendationReport report, IReadOnlyList<Alert> alerts, string target, ProcedureInfo? procedure)
    {
        var detail = new CardMarkdown(_vocabulary, Dispositions.UrgentEvaluation)
            .Section("Red flags", alerts.Select(a => a.Text))
            .Section("What to do", alerts.SelectMany(a => a.Actions));
        foreach (var alert in alerts)
        {
            detail.Cite(alert.Rule);
        }

        var rule = alerts.Count > 0 ? alerts[0].Rule : null;
        var summary = procedure is null ? "Red flag: urgent evaluation needed before any elective spine procedure" : $"Red flag: evaluate urgently; do not proceed with {procedure.Display}";
        return new CdsCard(CardIds.For(hookInstance, rule?.RuleId ?? Dispositions.UrgentEvaluation, target), Summary(summary), "critical", Source(rule), detail.Build(report.Provenance));
    }

    private static List<InformationNeeded> MissingData(RecommendationReport report, ProcedureInfo? procedure)
    {
        var forProcedure = report.InformationNeeded.Where(i => procedure is not null && i.Unlocks.Any(u => IsA(procedure, u))).ToList();
        return forProcedure.Count > 0 ? forProcedure : [.. report.InformationNeeded.Where(i => i.Decisive)];
    }

    private static IEnumerable<string> WhyNot(RecommendationReport report, ProcedureInfo? procedure, CardMarkdown detail, string? status)
    {
        foreach (var whyNot in report.WhyNot.Where(w => w.Procedure.Id == procedure?.Id))
        {
            foreach (var criterion in whyNot.Criteria.Where(c => status is null || c.Status == status))
            {
                detail.Cite(criterion.Rule);
                yield return $"{criterion.Status}: {criterion.Text} ({criterion.Rule.RuleId})";
            }
        }
    }

    /// <summary>Whether a report item that names <paramref name="named"/> concerns <paramref name="procedure"/>: the same
    /// procedure, or the procedure it is a kind of (a caution on RFA concerns a repeat RFA).</summary>
    private static bool IsA(ProcedureInfo? procedure, ProcedureInfo named) =>
        procedure is not null && (procedure.Id == named.Id || procedure.KindOf == named.Id);

    private static CardMarkdown AddPrecautions(CardMarkdown detail, RecommendationReport report, ProcedureInfo? procedure)
    {
        var precautions = report.Precautions.Where(p => p.Procedure is null || IsA(procedure, p.Procedure)).ToList();
        foreach (var precaution in precautions)
        {
            detail.Cite(precaution.Rule);
        }

        return detail.Section("Precautions", precautions.Select(p => $"{p.Severity}: {p.Text}"))
            .Section("Safety alerts", report.Alerts.Where(a => a.Category != "red-flag").Select(a => a.Text));
    }

    private static List<Recommendation> Alternatives(RecommendationReport report, ProcedureInfo? procedure) =>
        [.. report.Recommendations.Where(r => r.Procedure.Id != procedure?.Id).DistinctBy(r => r.Procedure.Id).Take(MaxAlternatives)];

    private List<CdsSuggestion> Suggestions(string cardId, DraftOrder order, List<Recommendation> alternatives, string patientId)
    {
        var delete = new CdsAction("delete", $"Remove the draft order {order.Target}", ResourceId: order.Target);
        var suggestions = new List<CdsSuggestion> { new("Remove this order", CardIds.For(cardId, "delete"), [delete]) };
        foreach (var alternative in alternatives)
        {
            // Coded with the billing code that fits the region, approach and levels; otherwise with the procedure
            // concept, and the clinician picks the code.
            var (codings, billing) = _codes.Replacement(alternative);
            var replacement = Replacement(order, alternative.Procedure, codings, patientId);
            var summary = billing is { } code ? $"Order {alternative.Procedure.Display} (CPT/HCPCS {code}) instead" : $"Order {alternative.Procedure.Display} instead";
            suggestions.Add(new CdsSuggestion(Summary(summary), CardIds.For(cardId, "replace", alternative.Procedure.Id),
                [delete, new CdsAction("create", $"Draft an order for {alternative.Procedure.Display}", replacement)]));
        }

        return suggestions;
    }

    /// <summary>A draft ServiceRequest for the indicated procedure, keeping the original order's intent, subject and reasons.</summary>
    private static JsonObject Replacement(DraftOrder order, ProcedureInfo procedure, IReadOnlyList<(string System, string Code)> codings, string patientId)
    {
        var resource = new JsonObject
        {
            ["resourceType"] = "ServiceRequest",
            ["status"] = "draft",
            ["intent"] = CdsCallReader.Member(order.Resource, "intent") is { ValueKind: JsonValueKind.String } intent ? intent.GetString() : "order",
            ["code"] = new JsonObject
            {
                ["coding"] = new JsonArray([.. codings.Select(c => (JsonNode)new JsonObject { ["system"] = c.System, ["code"] = c.Code, ["display"] = procedure.Display })]),
                ["text"] = procedure.Display,
            },
            ["subject"] = CdsCallReader.Member(order.Resource, "subject") is { ValueKind: JsonValueKind.Object } subject
                ? JsonNode.Parse(subject.GetRawText())
                : new JsonObject { ["reference"] = "Patient/" + patientId },
        };
        foreach (var copied in new[] { "reasonCode", "reasonReference", "bodySite" })
        {
            if (CdsCallReader.Member(order.Resource, copied) is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0)
            {
                resource[copied] = JsonNode.Parse(array.GetRawText());
            }
        }

        return resource;
    }

    /// <summary>The order as sent with the rating extension added: an <c>update</c> system action.</summary>
    private static CdsAction Rating(RecommendationReport report, ProcedureDecision decision, DraftOrder order)
    {
        var resource = JsonNode.Parse(order.Resource.GetRawText())!.AsObject();
        // The procedure concept rated: a repeat RFA is billed under the same CPT codes as a first one, so the concept is
        // what tells them apart on the order.
        var parts = new JsonArray(
            new JsonObject { ["url"] = "disposition", ["valueCode"] = decision.Disposition },
            new JsonObject { ["url"] = "procedure", ["valueCode"] = decision.Procedure.Id });
        foreach (var ruleId in decision.Reasons.Select(r => r.Rule?.RuleId).OfType<string>().Concat(report.Alerts.Where(a => a.Category == "red-flag").Select(a => a.Rule.RuleId)).Distinct().Order(StringComparer.Ordinal))
        {
            parts.Add(new JsonObject { ["url"] = "rule", ["valueString"] = ruleId });
        }

        parts.Add(new JsonObject { ["url"] = "profile", ["valueString"] = report.Provenance.Profile });
        parts.Add(new JsonObject { ["url"] = "contentHash", ["valueString"] = report.Provenance.ContentHash });
        var extensions = resource["extension"] as JsonArray ?? [];
        extensions.Add(new JsonObject { ["url"] = CdsHooksUris.RatingExtension, ["extension"] = parts });
        resource["extension"] = extensions;
        return new CdsAction("update", $"Attach the SpineDecision rating ({decision.Disposition}) to {order.Target}", resource);
    }

    private static CdsSource Source(RuleReference? rule)
    {
        var citation = rule?.Citations.FirstOrDefault(c => c.Url is not null) ?? rule?.Citations.FirstOrDefault();
        if (citation is null)
        {
            return new CdsSource(rule is null ? "SpineDecision" : $"SpineDecision {rule.RuleSetId} {rule.RuleSetVersion}");
        }

        return new CdsSource(Truncate(citation.Text, 200), Uri.TryCreate(citation.Url, UriKind.Absolute, out var url) ? url.AbsoluteUri : null);
    }

    private static string Summary(string text) => Truncate(text, MaxSummary);

    private static string Truncate(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max - 1).TrimEnd(), "…");
    }

    private static string Lower(string text) => text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
