namespace SpineDecision.Compilation;

/// <summary>
/// What a recommend / withhold / caution / alert / ask action produced, as a linked fact so that it disappears
/// when its support does. <see cref="Plan"/> is the compiled action; the strings are rendered from the facts.
/// </summary>
internal sealed class OutcomeFact(ActionPlan plan, string text, string?[] values, string[] steps, object[] support)
{
    public ActionPlan Plan { get; } = plan;

    public string Text { get; set; } = text;

    /// <summary>Rendered target values (region, side, levels) for a recommendation.</summary>
    public string?[] Values { get; set; } = values;

    public string[] Steps { get; set; } = steps;

    public object[] Support { get; set; } = support;

    /// <summary>For a temporary withhold: the rendered reassess condition.</summary>
    public string? Until { get; set; }
}
