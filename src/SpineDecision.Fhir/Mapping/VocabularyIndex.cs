using System.Collections.Frozen;
using Hl7.Fhir.Model;
using SpineDecision.Terminology;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// The engine's vocabulary seen from FHIR: code-system URIs to case prefixes (declared once, in the vocabulary), and
/// which concept of a set claims a code, by the resolution <see cref="ConceptCode"/> documents (exact claim first,
/// then the longest prefix claim; shared codes never resolve; case-insensitive).
/// </summary>
internal sealed class VocabularyIndex
{
    private readonly FrozenDictionary<string, string> _prefixByUri;
    private readonly FrozenDictionary<string, SetClaims> _sets;
    private readonly FrozenDictionary<string, (string? Region, string? Approach)> _descriptors;

    public VocabularyIndex(ConceptVocabulary vocabulary)
    {
        _prefixByUri = vocabulary.CodeSystems.ToFrozenDictionary(s => s.Uri.TrimEnd('/'), s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        _sets = vocabulary.Sets.ToFrozenDictionary(s => s.Id, s => new SetClaims(s), StringComparer.Ordinal);
        _descriptors = vocabulary.Sets.SelectMany(s => s.Concepts).SelectMany(c => c.Codes).Where(c => c.Billing is not null)
            .DistinctBy(c => $"{c.System}:{c.Code}", StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(c => $"{c.System}:{c.Code}", c => (c.Billing!.Regions is [var region] ? region : null, c.Billing.Approaches is [var approach] ? approach : null),
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The one region and the one approach a billing code's descriptor names (CPT 64483: lumbar,
    /// transforaminal), from the vocabulary's billing attributes; null where it names none or several.</summary>
    public (string? Region, string? Approach) Descriptor(string caseCode) => _descriptors.GetValueOrDefault(caseCode);

    /// <summary>The coding as a case code, <c>PREFIX:code</c>, or a concept id for the project's own concept systems;
    /// null when its system is not one the vocabulary declares.</summary>
    public string? CaseCode(Coding coding, string? set)
    {
        if (string.IsNullOrWhiteSpace(coding.Code) || string.IsNullOrWhiteSpace(coding.System))
        {
            return null;
        }

        if (set is not null && SpineDecisionFhirUris.IsConceptSystem(coding.System, set))
        {
            return _sets.TryGetValue(set, out var claims) && claims.HasConcept(coding.Code) ? coding.Code : null;
        }

        return _prefixByUri.TryGetValue(coding.System.TrimEnd('/'), out var prefix) ? Joined(prefix, coding.Code.Trim()) : null;
    }

    /// <summary>Case codes this thread has written, by prefix and code: a Bundle names the same few codes many times.</summary>
    [ThreadStatic]
    private static Dictionary<(string Prefix, string Code), string>? _caseCodes;

    private static string Joined(string prefix, string code)
    {
        var cache = _caseCodes ??= [];
        if (cache.Count >= 4096)
        {
            cache.Clear();
        }

        ref var joined = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(cache, (prefix, code), out var exists);
        return exists ? joined! : joined = $"{prefix}:{code}";
    }

    /// <summary>The concept of <paramref name="set"/> that <paramref name="caseCode"/> is or resolves to, if any.</summary>
    public string? Resolve(string set, string caseCode) =>
        _sets.TryGetValue(set, out var claims) ? claims.Resolve(caseCode) : null;

    /// <summary>
    /// Picks the coding to write for a concept of <paramref name="set"/>: the first that resolves to a concept, else the
    /// first of a declared system (kept, never matched). Null when no coding is of a declared system.
    /// </summary>
    public (string Value, string? Concept)? Choose(CodeableConcept? concept, string set)
    {
        if (concept is null)
        {
            return null;
        }

        (string, string?)? firstKnown = null;
        foreach (var coding in concept.Coding)
        {
            if (CaseCode(coding, set) is not { } code)
            {
                continue;
            }

            if (Resolve(set, code) is { } resolved)
            {
                return (code, resolved);
            }

            firstKnown ??= (code, null);
        }

        return firstKnown;
    }

    private sealed class SetClaims
    {
        private readonly FrozenSet<string> _ids;
        private readonly FrozenDictionary<string, string> _exact;
        private readonly (string Prefix, string Concept)[] _prefixes;

        public SetClaims(ConceptSet set)
        {
            _ids = set.Concepts.Select(c => c.Id).ToFrozenSet(StringComparer.Ordinal);
            var identifying = set.Concepts.SelectMany(c => c.Codes.Where(code => code.Identifies).Select(code => (Code: code, c.Id))).ToList();
            _exact = identifying.Where(x => !x.Code.IsPrefix)
                .ToFrozenDictionary(x => $"{x.Code.System}:{x.Code.Code}", x => x.Id, StringComparer.OrdinalIgnoreCase);
            _prefixes = identifying.Where(x => x.Code.IsPrefix)
                .Select(x => ($"{x.Code.System}:{x.Code.Code}", x.Id))
                .OrderByDescending(x => x.Item1.Length)
                .ToArray();
        }

        public bool HasConcept(string id) => _ids.Contains(id);

        public string? Resolve(string value)
        {
            if (_ids.Contains(value))
            {
                return value;
            }

            if (_exact.TryGetValue(value, out var exact))
            {
                return exact;
            }

            foreach (var (prefix, concept) in _prefixes)
            {
                if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return concept;
                }
            }

            return null;
        }
    }
}
