namespace SpineDecision.Cases;

/// <summary>One current medication.</summary>
public sealed record Medication
{
    /// <summary>The drug name as documented, for example <c>apixaban</c>; not interpreted by the rules.</summary>
    public string? Name { get; init; }

    /// <summary>The drug class (a concept of the <c>medication-class</c> set), for example <c>anticoagulant</c>.</summary>
    public required string Class { get; init; }
}
