using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Hostile;

/// <summary>The errors of loading files next to the shipped vocabulary; none when they load.</summary>
internal static class LoadErrors
{
    public static IReadOnlyList<RuleDiagnostic> Of(params RuleSourceFile[] files)
    {
        try
        {
            RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, .. files]);
            return [];
        }
        catch (RuleLoadException e)
        {
            return [.. e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        }
    }
}
