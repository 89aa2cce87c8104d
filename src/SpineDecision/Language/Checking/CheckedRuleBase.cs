using System.Collections.Frozen;
using System.Collections.Immutable;
using SpineDecision.Facts;
using SpineDecision.Language.Model;

namespace SpineDecision.Language.Checking;

/// <summary>The fully checked rule content: what the compiler turns into a Rete network for one profile.</summary>
internal sealed record CheckedRuleBase(
    Vocabulary Vocabulary,
    FrozenDictionary<string, ParameterDef> Parameters,
    FrozenDictionary<string, FactTypeDef> Conclusions,
    ImmutableArray<ProfileDef> Profiles,
    ImmutableArray<RuleSetHeader> RuleSets,
    ImmutableArray<CheckedRule> Rules,
    string ContentHash)
{
    /// <summary>The profile used when none is asked for: the one marked <c>default: true</c>, else "default".</summary>
    public string DefaultProfileId => Profiles.FirstOrDefault(p => p.IsDefault)?.Id ?? "default";
}
