using SpineDecision.Reports;

namespace SpineDecision.Cli.Output;

/// <summary>
/// Writes a derivation tree for a terminal: the rule, its criteria as written, the facts it matched and, under each
/// derived fact, the rule that derived it, recursively (FDA CDS criterion 4: the basis can be reviewed).
/// </summary>
internal static class ExplanationWriter
{
    private const int MaxDepth = 32;

    public static void Write(CliConsole console, Explanation explanation, string indent) => Write(console, explanation, indent, 0);

    private static void Write(CliConsole console, Explanation explanation, string indent, int depth)
    {
        var w = console.Out;
        w.WriteLine($"{indent}{console.Bold(explanation.RuleId)}  {explanation.RuleTitle}");
        foreach (var criterion in explanation.Criteria)
        {
            w.WriteLine($"{indent}  when {criterion}");
        }

        foreach (var fact in explanation.Facts.Where(f => f.Description.Length > 0 || f.DerivedBy is not null || !f.Items.IsDefaultOrEmpty))
        {
            WriteFact(console, fact, indent + "  ", "matched ", depth);
        }
    }

    private static void WriteFact(CliConsole console, ExplanationFact fact, string indent, string prefix, int depth)
    {
        var w = console.Out;
        w.WriteLine($"{indent}{prefix}{console.Dim(fact.Kind + ":")} {fact.Description}");
        foreach (var item in fact.Items.IsDefault ? [] : fact.Items)
        {
            WriteFact(console, item, indent + "  ", "- ", depth);
        }

        if (fact.DerivedBy is { } by)
        {
            if (depth >= MaxDepth)
            {
                w.WriteLine($"{indent}  derived by {by.RuleId} (deeper levels omitted)");
                return;
            }

            w.WriteLine($"{indent}  derived by:");
            Write(console, by, indent + "    ", depth + 1);
        }
    }
}
