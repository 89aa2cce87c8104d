using System.Text.Json;
using SpineDecision.Fhir;
using SpineDecision.Terminology;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>
/// Which drafted orders are spine procedures: a ServiceRequest coding in CPT, HCPCS or the project's procedure concept
/// system that the engine's procedure vocabulary claims. Code system URIs are compared without their scheme, so the
/// <c>https</c> HCPCS URI some payers send (Da Vinci CRD) matches the vocabulary's <c>http</c> one.
/// </summary>
internal sealed class ProcedureCodes
{
    private const string ProcedureSet = "procedure";

    private readonly Dictionary<string, string> _prefixBySystem = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _uriByPrefix = new(StringComparer.Ordinal);
    private readonly ConceptSet _procedures;
    private readonly string _conceptSystem = SpineDecisionFhirUris.ConceptSystem(ProcedureSet);

    public ProcedureCodes(ConceptVocabulary vocabulary)
    {
        foreach (var system in vocabulary.CodeSystems)
        {
            _prefixBySystem[WithoutScheme(system.Uri)] = system.Prefix;
            _uriByPrefix[system.Prefix] = system.Uri;
        }

        _procedures = vocabulary.Sets.FirstOrDefault(s => s.Id == ProcedureSet)
            ?? throw new InvalidOperationException("the engine's vocabulary has no procedure set");
    }

    /// <summary>What an order's <c>code</c> names: the procedure concepts it may mean, and the code as the engine reads it.</summary>
    /// <param name="resource">The ServiceRequest.</param>
    /// <returns>Null when no coding names a spine procedure.</returns>
    public OrderedProcedure? Resolve(JsonElement resource)
    {
        if (CdsCallReader.Member(resource, "resourceType").ValueKind != JsonValueKind.String
            || CdsCallReader.Member(resource, "resourceType").GetString() != "ServiceRequest"
            || CdsCallReader.Member(CdsCallReader.Member(resource, "code"), "coding") is not { ValueKind: JsonValueKind.Array } codings)
        {
            return null;
        }

        // A procedure concept names the procedure exactly, so it wins over a billing code in any position: a selective
        // nerve root block is billed as CPT 64483, which alone means the epidural steroid injection.
        var coded = codings.EnumerateArray().Select(Coding).Where(c => c is not null).Select(c => c!.Value).ToList();
        foreach (var (system, code) in coded)
        {
            if (system == _conceptSystem && _procedures.Concepts.FirstOrDefault(c => c.Id == code) is { } named)
            {
                return new OrderedProcedure(code, [named]);
            }
        }

        OrderedProcedure? shared = null;
        foreach (var (system, code) in coded)
        {
            if (!_prefixBySystem.TryGetValue(WithoutScheme(system), out var prefix))
            {
                continue;
            }

            var claims = _procedures.Concepts.Where(c => c.Codes.Any(k => k.System == prefix && (k.IsPrefix ? code.StartsWith(k.Code, StringComparison.Ordinal) : k.Code == code))).ToList();
            var identifying = claims.Where(c => c.Codes.Any(k => k.System == prefix && k.Identifies && (k.IsPrefix ? code.StartsWith(k.Code, StringComparison.Ordinal) : k.Code == code))).ToList();
            if (identifying.Count == 1)
            {
                return new OrderedProcedure($"{prefix}:{code}", [identifying[0]]);
            }

            if (claims.Count > 0)
            {
                shared ??= new OrderedProcedure($"{prefix}:{code}", claims);
            }
        }

        return shared;
    }

    private static (string System, string Code)? Coding(JsonElement coding) =>
        CdsCallReader.Member(coding, "system") is { ValueKind: JsonValueKind.String } systemElement
            && CdsCallReader.Member(coding, "code") is { ValueKind: JsonValueKind.String } codeElement
            && systemElement.GetString() is { Length: > 0 } system && codeElement.GetString()?.Trim() is { Length: > 0 } code
            ? (system, code)
            : null;

    /// <summary>
    /// A procedure's billing code as a FHIR system and code, when the procedure has exactly one CPT code (else exactly
    /// one HCPCS code). A procedure billed by region, approach or level count (the ESI's eight CPT codes, for example)
    /// has no single code: picking the first would order a cervical code for a lumbar patient, so there is none.
    /// </summary>
    public (string System, string Code)? BillingCode(IEnumerable<string> codes)
    {
        var chosen = codes.Any(c => c.StartsWith("CPT:", StringComparison.Ordinal)) ? Only(codes, "CPT:") : Only(codes, "HCPCS:");
        if (chosen is null)
        {
            return null;
        }

        var colon = chosen.IndexOf(':', StringComparison.Ordinal);
        return _uriByPrefix.TryGetValue(chosen[..colon], out var uri) ? (uri, chosen[(colon + 1)..]) : null;
    }

    private static string? Only(IEnumerable<string> codes, string prefix) =>
        codes.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Take(2).ToList() is [var only] ? only : null;

    private static string WithoutScheme(string uri)
    {
        var trimmed = uri.TrimEnd('/');
        var scheme = trimmed.IndexOf("://", StringComparison.Ordinal);
        return scheme < 0 ? trimmed : trimmed[(scheme + 3)..];
    }
}

/// <summary>The procedure an order names.</summary>
/// <param name="Code">The concept id or <c>SYSTEM:code</c> the engine is asked about.</param>
/// <param name="Candidates">The concepts the code may mean; more than one when the code is billed for several procedures.</param>
internal sealed record OrderedProcedure(string Code, IReadOnlyList<ConceptDefinition> Candidates)
{
    /// <summary>Whether the code names one procedure, so the engine can answer it.</summary>
    public bool IsDefinite => Candidates.Count == 1;
}
