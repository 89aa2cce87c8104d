using System.Collections.Frozen;

namespace SpineDecision.CdsHooks.Services;

/// <summary>
/// The services this package offers and the prefetch they ask for, declared once: discovery lists them and the call
/// endpoint routes by them. Procedure orders get one service per hook (CDS Hooks 2.0 gives every service entry exactly
/// one <c>hook</c>), so an EHR can subscribe to order-select, order-sign or both.
/// </summary>
internal static class CdsServiceCatalogue
{
    /// <summary>The hooks served.</summary>
    public const string OrderSelect = "order-select";

    /// <summary>The hooks served.</summary>
    public const string OrderSign = "order-sign";

    /// <summary>The hooks served.</summary>
    public const string PatientView = "patient-view";

    private const string OrderDescription =
        "Rates a drafted interventional spine procedure order (CPT or HCPCS) against the SpineDecision criteria and the configured payer profile: " +
        "a red flag, why the order is not indicated and what is indicated instead, when to reassess, or exactly which data are missing.";

    /// <summary>The services, in discovery order.</summary>
    public static IReadOnlyList<CdsServiceDefinition> Services { get; } =
    [
        new("spine-procedure-order-select", OrderSelect, "Spine procedure appropriateness (order-select)", OrderDescription, AnswersOrders: true),
        new("spine-procedure-order-sign", OrderSign, "Spine procedure appropriateness (order-sign)", OrderDescription, AnswersOrders: true),
        new("spine-pathway", PatientView, "Spine procedure pathway",
            "Shows the next interventional spine procedure the SpineDecision criteria support for the patient, any red flag, and the data still missing.",
            AnswersOrders: false),
    ];

    /// <summary>
    /// The prefetch templates every service asks for. CDS Hooks 2.0 allows only <c>{{context.*}}</c> and
    /// <c>{{user…Id}}</c> tokens and recommends read, type search, token equality, date prefixes, <c>_count</c> and
    /// <c>_sort</c>: these keep to that subset. Observation templates name the LOINC codes the mapping reads, the
    /// project's case-field system (any code: <c>system|</c>) and the imaging category (a radiology report's result
    /// Observations: fracture level, acuity, height loss); an in-progress Encounter says whether the patient is
    /// hospitalised; Lists carry "reviewed, none" declarations. A plain dictionary keeps declaration order for discovery.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Prefetch { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["patient"] = "Patient/{{context.patientId}}",
        ["conditions"] = "Condition?patient={{context.patientId}}",
        ["encounters"] = "Encounter?patient={{context.patientId}}&status=in-progress",
        ["procedures"] = "Procedure?patient={{context.patientId}}",
        ["painObservations"] = "Observation?patient={{context.patientId}}&code=http://loinc.org|72514-3",
        ["disabilityObservations"] = "Observation?patient={{context.patientId}}&code=http://loinc.org|97908-8,http://loinc.org|97909-6,http://loinc.org|82226-2,http://loinc.org|82237-9",
        ["pregnancyObservations"] = "Observation?patient={{context.patientId}}&code=http://loinc.org|82810-3",
        ["labObservations"] = "Observation?patient={{context.patientId}}&category=laboratory",
        ["imagingObservations"] = "Observation?patient={{context.patientId}}&category=imaging",
        ["clinicalObservations"] = "Observation?patient={{context.patientId}}&code=" + SpineDecision.Fhir.SpineDecisionFhirUris.CaseFieldSystem + "|",
        ["medications"] = "MedicationRequest?patient={{context.patientId}}&status=active",
        ["allergies"] = "AllergyIntolerance?patient={{context.patientId}}",
        ["diagnosticReports"] = "DiagnosticReport?patient={{context.patientId}}",
        ["imagingStudies"] = "ImagingStudy?patient={{context.patientId}}",
        ["reviews"] = "List?patient={{context.patientId}}",
        ["coverage"] = "Coverage?patient={{context.patientId}}&status=active",
    };

    private static readonly FrozenDictionary<string, CdsServiceDefinition> ById = Services.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);

    /// <summary>Finds a service by id.</summary>
    public static CdsServiceDefinition? Find(string id) => ById.GetValueOrDefault(id);
}
