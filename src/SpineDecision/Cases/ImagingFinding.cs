namespace SpineDecision.Cases;

/// <summary>One imaging finding.</summary>
public sealed record ImagingFinding
{
    /// <summary>The finding (a concept of the <c>imaging-finding</c> set), for example <c>disc-herniation</c>.</summary>
    public required string Finding { get; init; }

    /// <summary>Spinal level, for example <c>L4-L5</c>.</summary>
    public string? Level { get; init; }

    /// <summary>Side (a concept of the <c>side</c> set).</summary>
    public string? Side { get; init; }

    /// <summary>Modality (a concept of the <c>imaging-modality</c> set), for example <c>mri</c>.</summary>
    public string? Modality { get; init; }

    /// <summary>Date of the study.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Whether the finding shows acute or subacute change (e.g. marrow oedema on MRI/STIR, uptake on bone scan).</summary>
    public bool? Acute { get; init; }

    /// <summary>Vertebral body height loss, percent (fractures).</summary>
    public double? HeightLossPercent { get; init; }
}
