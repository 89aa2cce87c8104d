using SpineDecision.Cases.Model;

namespace SpineDecision.Cases;

/// <summary>An implanted neuromodulation device, current or past.</summary>
public sealed record ImplantedDevice
{
    /// <summary>The device: scs (spinal cord stimulator) or intrathecal-pump.</summary>
    [Key]
    [Concept("device-kind")]
    public string? Kind { get; init; }

    /// <summary>Status: working, failed (implanted, no longer effective or malfunctioning) or explanted.</summary>
    [Concept("device-status")]
    public string? Status { get; init; }

    /// <summary>Why it failed or was explanted: loss-of-effect, infection, hardware-failure, mri-needed or patient-choice.</summary>
    [Concept("device-event-reason")]
    public string? Reason { get; init; }

    /// <summary>Date of implant, or of the explant when explanted.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The device as documented, when no concept covers it.</summary>
    [NotForRules]
    public string? Text { get; init; }
}
