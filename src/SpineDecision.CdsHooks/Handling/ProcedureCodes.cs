using System.Text.Json;
using System.Text.RegularExpressions;
using SpineDecision.Fhir;
using SpineDecision.Reports;
using SpineDecision.Terminology;

namespace SpineDecision.CdsHooks.Handling;

/// <summary>
/// Which drafted orders are spine procedures: a ServiceRequest coding in CPT, HCPCS or the project's procedure concept
/// system that the engine's procedure vocabulary claims. Code system URIs are compared without their scheme, so the
/// <c>https</c> HCPCS URI some payers send (Da Vinci CRD) matches the vocabulary's <c>http</c> one.
/// </summary>
internal sealed partial class ProcedureCodes
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
    /// The codings to order a recommended procedure with. A procedure with one CPT code (else one HCPCS code) is ordered
    /// with it. A procedure billed under several is ordered with the one primary code whose descriptor fits: not an
    /// add-on, image-guided when such a code exists, billed for every region the recommendation names (its region and the
    /// regions of its levels) and for its approach. When no single code fits (the region unknown, the levels spanning two
    /// regions, a code without declared attributes) the procedure concept is used, and the clinician picks the code:
    /// picking the first would order a cervical code for a lumbar patient. A code shared with another procedure goes
    /// after the concept, which alone says which procedure is meant.
    /// </summary>
    /// <param name="recommendation">The recommended procedure, with its target and approach.</param>
    /// <returns>The codings, concept first when there is one, and the billing code when one was chosen.</returns>
    public (IReadOnlyList<(string System, string Code)> Codings, string? BillingCode) Replacement(Recommendation recommendation)
    {
        var concept = (_conceptSystem, recommendation.Procedure.Id);
        var definition = _procedures.Concepts.FirstOrDefault(c => c.Id == recommendation.Procedure.Id);
        if (definition is null || ChooseBillingCode(definition, recommendation) is not { } chosen || !_uriByPrefix.TryGetValue(chosen.System, out var uri))
        {
            return ([concept], null);
        }

        return chosen.Identifies ? ([(uri, chosen.Code)], chosen.Code) : ([concept, (uri, chosen.Code)], chosen.Code);
    }

    private static ConceptCode? ChooseBillingCode(ConceptDefinition procedure, Recommendation recommendation)
    {
        var system = procedure.Codes.Any(c => c.System == "CPT") ? "CPT" : "HCPCS";
        var codes = procedure.Codes.Where(c => c.System == system && !c.IsPrefix).ToList();
        if (codes.Count <= 1 || codes.Any(c => c.Billing is null))
        {
            return codes is [var only] ? only : null;
        }

        var primary = codes.Where(c => !c.Billing!.AddOn).ToList();
        if (primary.Any(c => c.Billing!.ImageGuided == true))
        {
            primary = [.. primary.Where(c => c.Billing!.ImageGuided != false)];
        }

        var regions = RegionsOf(recommendation.Target);
        var approach = recommendation.Approach;
        primary = [.. primary.Where(c => regions.All(r => c.Billing!.Regions.Contains(r)) && (approach is null || c.Billing!.Approaches.IsEmpty || c.Billing.Approaches.Contains(approach)))];
        return primary is [var fits] ? fits : null;
    }

    /// <summary>The regions a target names: its region and the region of each level (C cervical, T thoracic, L and S
    /// lumbar, as CPT bills "lumbar or sacral" together).</summary>
    internal static HashSet<string> RegionsOf(TargetSite target)
    {
        var regions = new HashSet<string>(StringComparer.Ordinal);
        if (target.Region is { } region)
        {
            regions.Add(region);
        }

        foreach (Match level in LevelPattern().Matches(target.Levels ?? ""))
        {
            regions.Add(level.Value[0] switch { 'C' => "cervical", 'T' => "thoracic", _ => "lumbar" });
        }

        return regions;
    }

    [GeneratedRegex(@"(?<![A-Za-z])[CTLS]\d{1,2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex LevelPattern();

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
