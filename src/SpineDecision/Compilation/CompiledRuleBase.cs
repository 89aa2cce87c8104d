using System.Collections.Frozen;
using System.Collections.Immutable;
using NRules;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Model;

namespace SpineDecision.Compilation;

/// <summary>The checked rules compiled for one profile: an immutable, thread-safe NRules session factory.</summary>
internal sealed record CompiledRuleBase(
    CheckedRuleBase Rules,
    ProfileDef? Profile,
    string ProfileId,
    FrozenDictionary<string, object> ParameterValues,
    ISessionFactory SessionFactory,
    FrozenDictionary<string, CheckedRule> RulesById,
    ImmutableArray<string> RulesImpossibleUnderProfile);
