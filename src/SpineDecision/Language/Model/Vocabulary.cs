using System.Collections.Frozen;
using System.Collections.Immutable;
using SpineDecision.Diagnostics;
using SpineDecision.Terminology;

namespace SpineDecision.Language.Model;

/// <summary>
/// All concept sets and code systems loaded from <c>vocabulary:</c> files. Built once per engine; lookups are frozen
/// dictionaries.
/// </summary>
/// <remarks>
/// Concept ids are a closed world: an unknown id is an error. Codes are an open world: a code of a declared system that
/// no concept claims is valid and kept as written (no rule matches it), so a problem list with a hypertension code never
/// rejects a case; a code of an undeclared system is an error. A concept claims a code exactly (<c>ICD10CM:M51.360</c>)
/// or by prefix (<c>ICD10CM:M51.36*</c>, which also claims <c>M51.36</c> itself); a code resolves to its exact claim, else
/// to the longest prefix claim. Codes and system prefixes compare case-insensitively; every other character, the dot
/// included, must match (<c>M51360</c> is not <c>M51.360</c>).
/// <para>
/// A concept may be a kind of another concept of its set (<c>kindOf</c>): <c>facet-rfa-repeat</c> is a kind of
/// <c>facet-rfa</c>. The relation is declared once and everything derives from it: the kind inherits its parent's groups,
/// and its parent's codes as shared codes (listed, never resolving to the kind: the code alone does not say it was a
/// repeat); a rule literal that names the parent matches its kinds (<see cref="WithKinds"/>); a withhold, caution or
/// question that names the parent applies to them. An unknown parent and a cycle are located errors, and the relation
/// is then dropped.
/// </para>
/// </remarks>
internal sealed class Vocabulary
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, Concept>> _sets;
    private readonly FrozenDictionary<string, SetCodes> _codes;
    private readonly FrozenDictionary<string, CodeSystemDef> _systems;
    private readonly FrozenDictionary<string, CodeSystemDef>.AlternateLookup<ReadOnlySpan<char>> _systemsBySpan;
    private readonly FrozenDictionary<string, BillingAttributes> _billing;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _kinds;

    /// <summary>Builds the vocabulary and checks its codes.</summary>
    /// <param name="concepts">Every concept, in declaration order (the listing keeps it).</param>
    /// <param name="declaredSets">Sets declared with no concept yet.</param>
    /// <param name="codeSystems">The code systems codes may be written in.</param>
    /// <param name="diagnostics">
    /// Where code problems go (a code of an undeclared system, two concepts of a set claiming one code, a code system
    /// declared twice), each at the code's location; when <see langword="null"/> the first problem throws instead.
    /// </param>
    /// <param name="billingCodes">What billing codes' descriptors say; each code must be a concept's code, its regions
    /// and approaches concepts of the <c>region</c> and <c>approach</c> sets.</param>
    /// <exception cref="ArgumentException">A code problem, when <paramref name="diagnostics"/> is <see langword="null"/>.</exception>
    public Vocabulary(IEnumerable<Concept> concepts, IEnumerable<string>? declaredSets = null,
        IEnumerable<CodeSystemDef>? codeSystems = null, DiagnosticBag? diagnostics = null, IEnumerable<BillingCodeDef>? billingCodes = null)
    {
        var report = diagnostics is null
            ? (Action<string, SourceLocation, string>)((_, at, message) => throw new ArgumentException($"{at}: {message}", nameof(concepts)))
            : diagnostics.Error;
        var all = ResolveKinds(concepts.ToList(), report);
        _kinds = all.Where(c => c.KindOf is not null).SelectMany(c => Ancestors(all, c).Select(a => (Key: KindKey(c.Set, a.Id), Kind: c.Id)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);

        _systems = DistinctSystems(codeSystems ?? [], report).ToFrozenDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        _systemsBySpan = _systems.GetAlternateLookup<ReadOnlySpan<char>>();
        var setNames = all.Select(c => c.Set).Concat(declaredSets ?? []).Distinct(StringComparer.Ordinal).ToList();
        _sets = setNames.ToFrozenDictionary(
            s => s,
            s => all.Where(c => c.Set == s).GroupBy(c => c.Id, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        _codes = setNames.ToFrozenDictionary(s => s, s => BuildClaims(all.Where(c => c.Set == s), report), StringComparer.Ordinal);
        _billing = CheckBillingCodes(billingCodes ?? [], all, report);
        Listing = BuildListing(setNames, all);
    }

    public static Vocabulary Empty { get; } = new([]);

    /// <summary>The public, immutable listing of the code systems and sets (<see cref="ISpineDecisionEngine.Vocabulary"/>).</summary>
    public ConceptVocabulary Listing { get; }

    public IEnumerable<string> SetNames => _sets.Keys.Order(StringComparer.Ordinal);

    /// <summary>The declared code system prefixes, in ordinal order.</summary>
    public IEnumerable<string> CodeSystemPrefixes => _systems.Keys.Order(StringComparer.Ordinal);

    public bool HasSet(string set) => _sets.ContainsKey(set);

    public IEnumerable<Concept> ConceptsOf(string set) =>
        _sets.TryGetValue(set, out var concepts) ? concepts.Values.OrderBy(c => c.Id, StringComparer.Ordinal) : [];

    /// <summary>The concepts that are kinds of <paramref name="id"/> in <paramref name="set"/>, directly or through
    /// another kind, in id order; empty for most.</summary>
    public ImmutableArray<string> KindsOf(string set, string id) => _kinds.TryGetValue(KindKey(set, id), out var kinds) ? kinds : [];

    /// <summary><paramref name="id"/> followed by its kinds: what a rule literal naming it matches.</summary>
    public ImmutableArray<string> WithKinds(string set, string id) => [id, .. KindsOf(set, id)];

    /// <summary>Whether <paramref name="id"/> is <paramref name="ancestor"/> or a kind of it.</summary>
    public bool IsA(string set, string id, string ancestor) =>
        string.Equals(id, ancestor, StringComparison.Ordinal) || KindsOf(set, ancestor).Contains(id, StringComparer.Ordinal);

    public Concept? Find(string set, string id) =>
        _sets.TryGetValue(set, out var concepts) && concepts.TryGetValue(id, out var concept) ? concept : null;

    /// <summary>
    /// The concept a case value resolves to: a concept id, or a code that a concept of the set claims (see
    /// <see cref="Lookup"/>); <see langword="null"/> for anything else, including a valid but unclaimed code.
    /// </summary>
    public Concept? Resolve(string set, string idOrCode) => Lookup(set, idOrCode).Concept;

    /// <summary>The concepts of <paramref name="set"/> that list <paramref name="code"/> under their shared codes (a code
    /// billed for several procedures), in id order; empty when none does.</summary>
    public ImmutableArray<Concept> SharingCode(string set, string code) =>
        [.. ConceptsOf(set).Where(c => c.SharedCodes.Contains(code, StringComparer.OrdinalIgnoreCase))];

    /// <summary>What rules compare for a written value: the id of the concept it names or claims, else the value as
    /// written (an unclaimed code, so that no rule matches it).</summary>
    public string ResolveId(string set, string idOrCode) => Resolve(set, idOrCode)?.Id ?? idOrCode;

    /// <summary>
    /// Classifies what a case wrote for a datum of concept set <paramref name="set"/>: a concept id, a claimed or
    /// unclaimed code of a known system, a code of an unknown system, or an unknown id. Allocation-free unless the value
    /// is an error (then the problem text, with its did-you-mean, is built).
    /// </summary>
    /// <param name="set">The concept set of the datum, for example <c>diagnosis</c>.</param>
    /// <param name="value">What the case wrote, for example <c>discogenic-pain</c> or <c>ICD10CM:M51.360</c>.</param>
    /// <param name="describeProblem">Whether an error's problem text (with its did-you-mean) is built; when
    /// <see langword="false"/> an error carries a short fixed text, so that a caller past its problem cap pays nothing.</param>
    /// <returns>The kind, the concept for an id or a claimed code, and the problem for an error.</returns>
    public ConceptLookup Lookup(string set, string value, bool describeProblem = true)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Find(set, value) is { } concept
                ? new ConceptLookup(ConceptLookupKind.Concept, concept, null)
                : new ConceptLookup(ConceptLookupKind.UnknownConcept, null, describeProblem ? $"'{value}' is not a concept of the '{set}' set{Hint(set, value)}" : UndescribedProblem);
        }

        var system = value.AsSpan(0, colon);
        if (!_systemsBySpan.ContainsKey(system))
        {
            if (!describeProblem)
            {
                return new ConceptLookup(ConceptLookupKind.UnknownSystem, null, UndescribedProblem);
            }

            var known = _systems.Count == 0 ? "(none)" : string.Join(", ", CodeSystemPrefixes);
            return new ConceptLookup(ConceptLookupKind.UnknownSystem, null,
                $"'{value}' is written in the unknown code system '{system}'{DidYouMean.Hint(system.ToString(), _systems.Keys)}; the code systems are: {known}");
        }

        if (value.AsSpan(colon + 1).IsWhiteSpace())
        {
            return new ConceptLookup(ConceptLookupKind.InvalidCode, null, $"'{value}' has no code after '{system}:'; write SYSTEM:code, for example ICD10CM:M54.16");
        }

        return _codes.TryGetValue(set, out var codes) && codes.Find(value, colon) is { } claimed
            ? new ConceptLookup(ConceptLookupKind.ClaimedCode, claimed, null)
            : new ConceptLookup(ConceptLookupKind.UnclaimedCode, null, null);
    }

    /// <summary>The problem text of an error looked up without a description.</summary>
    private const string UndescribedProblem = "is not a concept or a code of a known system";

    /// <summary>" (did you mean 'x'?)" against the set's concept ids.</summary>
    public string Hint(string set, string given) =>
        _sets.TryGetValue(set, out var concepts) ? DidYouMean.Hint(given, concepts.Keys) : string.Empty;

    /// <summary>Splits <c>SYSTEM:code</c> or <c>SYSTEM:code*</c>; the caller has checked the colon is there.</summary>
    internal static (string System, string Code, bool IsPrefix) ParseCode(string written)
    {
        var colon = written.IndexOf(':', StringComparison.Ordinal);
        var isPrefix = written.EndsWith('*');
        return (written[..colon], written[(colon + 1)..(isPrefix ? ^1 : written.Length)], isPrefix);
    }

    private static string KindKey(string set, string id) => $"{set}\u001f{id}";

    /// <summary>
    /// Checks each <c>kindOf</c> (a concept of the same set, no cycle) and returns the concepts with what kinds inherit:
    /// the ancestors' groups, and their codes as shared codes. A relation in error is reported at its location and dropped.
    /// </summary>
    private static List<Concept> ResolveKinds(List<Concept> concepts, Action<string, SourceLocation, string> report)
    {
        if (concepts.All(c => c.KindOf is null))
        {
            return concepts;
        }

        var byKey = concepts.GroupBy(c => KindKey(c.Set, c.Id), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var dropped = new HashSet<Concept>(ReferenceEqualityComparer.Instance);
        foreach (var concept in concepts.Where(c => c.KindOf is not null))
        {
            var at = concept.KindOfAt ?? concept.At;
            if (!byKey.ContainsKey(KindKey(concept.Set, concept.KindOf!)))
            {
                var ids = concepts.Where(c => c.Set == concept.Set).Select(c => c.Id);
                report(DiagnosticCodes.UnknownConcept, at,
                    $"concept '{concept.Id}' is a kind of '{concept.KindOf}', which is not a concept of the '{concept.Set}' set{DidYouMean.Hint(concept.KindOf!, ids)}; 'kindOf' names a concept of the same set");
                dropped.Add(concept);
                continue;
            }

            // Follow the parents; coming back to this concept is a cycle (reported once per concept on it).
            var seen = new HashSet<string>(StringComparer.Ordinal) { concept.Id };
            var path = new List<string> { concept.Id };
            for (var parent = byKey[KindKey(concept.Set, concept.KindOf!)]; ; parent = byKey[KindKey(parent.Set, parent.KindOf!)])
            {
                path.Add(parent.Id);
                if (!seen.Add(parent.Id))
                {
                    if (parent.Id == concept.Id)
                    {
                        report(DiagnosticCodes.KindCycle, at,
                            $"concept '{concept.Id}' is a kind of itself through 'kindOf': {string.Join(" -> ", path)}; a kind relation may not loop");
                        dropped.Add(concept);
                    }

                    break;
                }

                if (parent.KindOf is null || !byKey.ContainsKey(KindKey(parent.Set, parent.KindOf)))
                {
                    break;
                }
            }
        }

        var kept = concepts.ConvertAll(c => dropped.Contains(c) ? c with { KindOf = null } : c);
        var keptByKey = kept.GroupBy(c => KindKey(c.Set, c.Id), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return kept.ConvertAll(c =>
        {
            if (c.KindOf is null)
            {
                return c;
            }

            var ancestors = Ancestors(kept, c, keptByKey);
            var inherited = ancestors.SelectMany(a => a.Codes).Where(code => !c.Codes.Contains(code)).Distinct(StringComparer.Ordinal).ToList();
            return c with
            {
                Groups = [.. c.Groups.Concat(ancestors.SelectMany(a => a.Groups)).Distinct(StringComparer.Ordinal)],
                Codes = [.. c.Codes, .. inherited],
                SharedCodes = [.. c.SharedCodes, .. inherited],
            };
        });
    }

    /// <summary>The concepts <paramref name="concept"/> is a kind of, nearest first (the relations are acyclic here).</summary>
    private static List<Concept> Ancestors(List<Concept> concepts, Concept concept, Dictionary<string, Concept>? byKey = null)
    {
        byKey ??= concepts.GroupBy(c => KindKey(c.Set, c.Id), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new List<Concept>();
        for (var c = concept; c.KindOf is not null && byKey.TryGetValue(KindKey(c.Set, c.KindOf), out var parent); c = parent)
        {
            result.Add(parent);
        }

        return result;
    }

    private static List<CodeSystemDef> DistinctSystems(IEnumerable<CodeSystemDef> systems, Action<string, SourceLocation, string> report)
    {
        var byPrefix = new Dictionary<string, CodeSystemDef>(StringComparer.OrdinalIgnoreCase);
        var byUri = new Dictionary<string, CodeSystemDef>(StringComparer.Ordinal);
        foreach (var system in systems)
        {
            if (byPrefix.TryGetValue(system.Prefix, out var first))
            {
                report(DiagnosticCodes.DuplicateDefinition, system.At, $"code system '{system.Prefix}' is already declared at {first.At}");
            }
            else if (byUri.TryGetValue(system.Uri, out var sameUri))
            {
                report(DiagnosticCodes.DuplicateDefinition, system.At, $"code system URI '{system.Uri}' is already declared for '{sameUri.Prefix}' at {sameUri.At}");
            }
            else
            {
                byPrefix[system.Prefix] = system;
                byUri[system.Uri] = system;
            }
        }

        return [.. byPrefix.Values];
    }

    private SetCodes BuildClaims(IEnumerable<Concept> concepts, Action<string, SourceLocation, string> report)
    {
        var exact = new Dictionary<string, (Concept Concept, SourceLocation At)>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new Dictionary<string, (Concept Concept, SourceLocation At)>(StringComparer.OrdinalIgnoreCase);
        foreach (var concept in concepts)
        {
            for (var i = 0; i < concept.Codes.Length; i++)
            {
                var written = concept.Codes[i];
                var at = i < concept.CodeLocations.Length ? concept.CodeLocations[i] : concept.At;
                var (system, code, isPrefix) = ParseCode(written);
                if (!_systems.ContainsKey(system))
                {
                    report(DiagnosticCodes.UnknownCodeSystem, at,
                        $"code '{written}' of concept '{concept.Id}' names the unknown code system '{system}'{DidYouMean.Hint(system, _systems.Keys)}; declare it under 'codeSystems' (declared: {(_systems.Count == 0 ? "none" : string.Join(", ", CodeSystemPrefixes))})");
                    continue;
                }

                if (concept.SharedCodes.Contains(written))
                {
                    continue;
                }

                var claims = isPrefix ? prefixes : exact;
                var key = $"{system}:{code}";
                if (claims.TryGetValue(key, out var first))
                {
                    report(DiagnosticCodes.DuplicateDefinition, at,
                        $"code '{written}' is claimed by both '{first.Concept.Id}' (at {first.At}) and '{concept.Id}' in set '{concept.Set}': a code may identify one concept of a set; keep it on one, or list it under 'sharedCodes' of both");
                    continue;
                }

                claims[key] = (concept, at);
            }
        }

        return new SetCodes(
            exact.ToFrozenDictionary(e => e.Key, e => e.Value.Concept, StringComparer.OrdinalIgnoreCase),
            prefixes.ToFrozenDictionary(e => e.Key, e => e.Value.Concept, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The billing attributes by code, each checked: a declared system, a code some concept lists, declared
    /// once, regions and approaches that are concepts of their sets.</summary>
    private FrozenDictionary<string, BillingAttributes> CheckBillingCodes(IEnumerable<BillingCodeDef> codes, List<Concept> all, Action<string, SourceLocation, string> report)
    {
        var written = all.SelectMany(c => c.Codes).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var checkedCodes = new Dictionary<string, BillingCodeDef>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in codes)
        {
            var system = ParseCode(code.Code).System;
            if (!_systems.ContainsKey(system))
            {
                report(DiagnosticCodes.UnknownCodeSystem, code.At,
                    $"billing code '{code.Code}' names the unknown code system '{system}'{DidYouMean.Hint(system, _systems.Keys)}; declare it under 'codeSystems'");
                continue;
            }

            if (!written.Contains(code.Code))
            {
                report(DiagnosticCodes.InvalidValue, code.At, $"billing code '{code.Code}' is not a code of any concept; list it under a concept's 'codes' or 'sharedCodes' first");
                continue;
            }

            if (checkedCodes.TryGetValue(code.Code, out var first))
            {
                report(DiagnosticCodes.DuplicateDefinition, code.At, $"billing code '{code.Code}' is already described at {first.At}");
                continue;
            }

            var unknown = code.Regions.Select(r => ("region", r)).Concat(code.Approaches.Select(a => ("approach", a))).Where(x => Find(x.Item1, x.Item2) is null).ToList();
            foreach (var (set, value) in unknown)
            {
                report(DiagnosticCodes.UnknownConcept, code.At, $"billing code '{code.Code}': '{value}' is not a concept of the '{set}' set{Hint(set, value)}");
            }

            if (unknown.Count == 0)
            {
                checkedCodes[code.Code] = code;
            }
        }

        return checkedCodes.ToFrozenDictionary(c => c.Key, c => new BillingAttributes(c.Value.Regions, c.Value.Approaches, c.Value.AddOn, c.Value.ImageGuided), StringComparer.OrdinalIgnoreCase);
    }

    private ConceptVocabulary BuildListing(List<string> setNames, List<Concept> all)
    {
        var systems = _systems.Values.OrderBy(s => s.Prefix, StringComparer.Ordinal)
            .Select(s => new CodeSystem(s.Prefix, s.Uri, s.Display)).ToImmutableArray();
        var sets = setNames.Select(set => new ConceptSet(set, [.. all.Where(c => c.Set == set).DistinctBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new ConceptDefinition(c.Id, c.Display, [.. c.Codes.Select(written => ToPublic(c, written))], c.Groups) { KindOf = c.KindOf })])).ToImmutableArray();
        return new ConceptVocabulary(systems, sets);
    }

    private ConceptCode ToPublic(Concept concept, string written)
    {
        var (system, code, isPrefix) = ParseCode(written);
        return new ConceptCode(system, code, isPrefix, !concept.SharedCodes.Contains(written)) { Billing = isPrefix ? null : _billing.GetValueOrDefault(written) };
    }

    /// <summary>One set's code claims. Resolution probes the exact claims once, then each prefix of the code from the
    /// longest claimed prefix length down: at most a handful of frozen-dictionary probes on spans, no scan, no allocation.</summary>
    private sealed class SetCodes
    {
        private readonly FrozenDictionary<string, Concept>.AlternateLookup<ReadOnlySpan<char>> _exact;
        private readonly FrozenDictionary<string, Concept>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
        private readonly int _longestPrefix;
        private readonly bool _hasExact;

        public SetCodes(FrozenDictionary<string, Concept> exact, FrozenDictionary<string, Concept> prefixes)
        {
            _exact = exact.GetAlternateLookup<ReadOnlySpan<char>>();
            _prefixes = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
            _hasExact = exact.Count > 0;
            _longestPrefix = prefixes.Count == 0 ? 0 : prefixes.Keys.Max(k => k.Length);
        }

        /// <summary>The claiming concept of <paramref name="value"/> (<c>SYSTEM:code</c>, colon at <paramref name="colon"/>).</summary>
        public Concept? Find(string value, int colon)
        {
            var span = value.AsSpan();
            if (_hasExact && _exact.TryGetValue(span, out var exact))
            {
                return exact;
            }

            // A prefix claim needs at least one character of code after the colon.
            for (var length = Math.Min(span.Length, _longestPrefix); length > colon + 1; length--)
            {
                if (_prefixes.TryGetValue(span[..length], out var claimed))
                {
                    return claimed;
                }
            }

            return null;
        }
    }
}
