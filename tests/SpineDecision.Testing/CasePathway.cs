namespace SpineDecision.Testing;

/// <summary>The clinical pathway a generated case is built to reach under the default (Medicare) profile.</summary>
public enum CasePathway
{
    /// <summary>Radicular pain after failed conservative care: an epidural steroid injection.</summary>
    EpiduralSteroid,

    /// <summary>Chronic axial pain with no or one positive block: a (first or second) diagnostic medial branch block.</summary>
    FacetBlock,

    /// <summary>Two medial branch blocks each giving at least 80 % relief: radiofrequency ablation.</summary>
    FacetRadiofrequency,

    /// <summary>Refractory neuropathic pain or failed back surgery syndrome with psychological clearance: an SCS trial.</summary>
    ScsTrial,

    /// <summary>As <see cref="ScsTrial"/> after a trial giving at least 50 % relief: a permanent implant.</summary>
    ScsImplant,

    /// <summary>An unexplained red flag: an alert, and every elective procedure withheld.</summary>
    RedFlag,

    /// <summary>Too little documented to decide: the rules ask for the missing data and recommend nothing.</summary>
    MissingInformation,
}
