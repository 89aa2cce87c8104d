using System.Reflection;
using SpineDecision.CdsHooks.Feedback;
using SpineDecision.CdsHooks.Security;

namespace SpineDecision.CdsHooks;

/// <summary>
/// Settings of the CDS Hooks service, bound from configuration (the <c>SpineDecision:CdsHooks</c> section by default)
/// or set in code. Every setting has a default, so the service runs with no configuration at all.
/// </summary>
public sealed class CdsHooksOptions
{
    /// <summary>The configuration section the server binds by default.</summary>
    public const string SectionName = "SpineDecision:CdsHooks";

    /// <summary>The payer or guideline profile the engine evaluates with (for example <c>medicare</c>); the engine's default when <see langword="null"/>.</summary>
    public string? Profile { get; set; }

    /// <summary>How long a fetch from the EHR's FHIR server may take when prefetch is missing.</summary>
    public TimeSpan FhirTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The link an information-needed card carries: where the data SpineDecision reads, and how to record them, are
    /// described. An absolute URL; by default the case format's documentation in the project's repository (the
    /// repository URL declared in Directory.Build.props). Set it to your own page, or to <see langword="null"/> (an
    /// empty value in configuration) for cards without a link.
    /// </summary>
    public Uri? MissingDataLink { get; set; } = DefaultMissingDataLink;

    /// <summary>The default of <see cref="MissingDataLink"/>: the case format's documentation in the project's repository.</summary>
    public static Uri DefaultMissingDataLink { get; } = new(typeof(CdsHooksOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CaseFormatDocumentation").Value!);

    /// <summary>Who may call the service: trusted issuers, their keys and the accepted algorithms.</summary>
    public CdsHooksSecurityOptions Security { get; set; } = new();

    /// <summary>Where card feedback and issued cards are stored.</summary>
    public CdsFeedbackOptions Feedback { get; set; } = new();
}
