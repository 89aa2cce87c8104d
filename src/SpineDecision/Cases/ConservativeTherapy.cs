namespace SpineDecision.Cases;

/// <summary>One conservative (non-interventional) therapy and its outcome.</summary>
public sealed record ConservativeTherapy
{
    /// <summary>The modality (a concept of the <c>therapy-modality</c> set), for example <c>physical-therapy</c>.</summary>
    public required string Modality { get; init; }

    /// <summary>How many weeks it was tried.</summary>
    public double? Weeks { get; init; }

    /// <summary>The outcome (a concept of the <c>therapy-outcome</c> set): failed, partial, improved, intolerant or ongoing.</summary>
    public string? Outcome { get; init; }
}
