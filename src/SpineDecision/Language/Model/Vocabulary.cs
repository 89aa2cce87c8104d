using System.Collections.Frozen;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Model;

/// <summary>
/// All concept sets loaded from <c>vocabulary:</c> files. Built once per engine; lookups are frozen dictionaries.
/// </summary>
internal sealed class Vocabulary
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, Concept>> _sets;
    private readonly FrozenDictionary<string, Concept> _byCode;

    public Vocabulary(IEnumerable<Concept> concepts, IEnumerable<string>? declaredSets = null)
    {
        var all = concepts.ToList();
        var setNames = all.Select(c => c.Set).Concat(declaredSets ?? []).Distinct(StringComparer.Ordinal);
        _sets = setNames.ToFrozenDictionary(
            s => s,
            s => all.Where(c => c.Set == s).GroupBy(c => c.Id, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        _byCode = all.SelectMany(c => c.Codes.Select(code => (Key: $"{c.Set}|{code}", Concept: c)))
            .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First().Concept, StringComparer.OrdinalIgnoreCase);
    }

    public static Vocabulary Empty { get; } = new([]);

    public IEnumerable<string> SetNames => _sets.Keys.Order(StringComparer.Ordinal);

    public bool HasSet(string set) => _sets.ContainsKey(set);

    public IEnumerable<Concept> ConceptsOf(string set) =>
        _sets.TryGetValue(set, out var concepts) ? concepts.Values.OrderBy(c => c.Id, StringComparer.Ordinal) : [];

    public Concept? Find(string set, string id) =>
        _sets.TryGetValue(set, out var concepts) && concepts.TryGetValue(id, out var concept) ? concept : null;

    /// <summary>
    /// Resolves what a case wrote for a concept-typed datum: a concept id, or a code such as <c>ICD10CM:M54.16</c>
    /// that one concept of the set carries.
    /// </summary>
    public Concept? Resolve(string set, string idOrCode)
    {
        if (Find(set, idOrCode) is { } concept)
        {
            return concept;
        }

        return idOrCode.Contains(':', StringComparison.Ordinal) && _byCode.TryGetValue($"{set}|{idOrCode}", out var byCode) ? byCode : null;
    }

    /// <summary>" (did you mean 'x'?)" against the set's concept ids.</summary>
    public string Hint(string set, string given) =>
        _sets.TryGetValue(set, out var concepts) ? DidYouMean.Hint(given, concepts.Keys) : string.Empty;
}
