namespace SpineDecision.Fhir;

/// <summary>Why the mapping left a resource or element out of the case.</summary>
public enum FhirIgnoreReason
{
    /// <summary>The resource is marked entered-in-error.</summary>
    EnteredInError,

    /// <summary>The statement was refuted (verificationStatus refuted).</summary>
    Refuted,

    /// <summary>The resource is not current: resolved, stopped, cancelled, completed, draft or not done.</summary>
    NotCurrent,

    /// <summary>The resource is dated after the assessment date.</summary>
    AfterAssessmentDate,

    /// <summary>No mapped code: the code system or code is not one the mapping reads. Never an error.</summary>
    Unused,

    /// <summary>The value's unit cannot be converted to the case unit.</summary>
    WrongUnit,

    /// <summary>The value is missing or outside the case field's range.</summary>
    InvalidValue,

    /// <summary>A later or preferred value for the same case field was mapped instead.</summary>
    Superseded,

    /// <summary>The resource could not be parsed as FHIR R4; it was skipped.</summary>
    ParseFailed,

    /// <summary>The resource type is not one the mapping reads.</summary>
    UnsupportedResource,
}
