using SpineDecision.Fhir;

namespace SpineDecision.CdsHooks;

/// <summary>The identifiers this service writes into cards and orders, declared once, under the project's FHIR base.</summary>
public static class CdsHooksUris
{
    /// <summary>
    /// Extension a system action adds to a drafted order: the appropriateness rating. Its sub-extensions are
    /// <c>disposition</c> (<c>valueCode</c>, a SpineDecision disposition such as <c>proceed</c>), one <c>rule</c>
    /// (<c>valueString</c>) per rule behind it, <c>profile</c> and <c>contentHash</c> (<c>valueString</c>) of the rules that
    /// rated it. No rating is attached while data are insufficient.
    /// </summary>
    public const string RatingExtension = SpineDecisionFhirUris.Base + "StructureDefinition/cds-appropriateness-rating";

    /// <summary>The code system of the override reasons cards offer (<c>overrideReasons</c>).</summary>
    public const string OverrideReasonSystem = SpineDecisionFhirUris.Base + "CodeSystem/cds-override-reason";
}
