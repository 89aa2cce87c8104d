using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Mapping;

/// <summary>Body sites: where the pain is, which spinal levels and which side a resource names.</summary>
internal sealed partial class MappingSession
{
    /// <summary>LOINC "Pain primary location": its value is the body site.</summary>
    private const string PainPrimaryLocation = "38204-4";

    /// <summary>SNOMED CT body structures that name a pain location (only codes whose meaning was checked).</summary>
    private static readonly Dictionary<string, string> PainLocationStructures = new(StringComparer.Ordinal)
    {
        // Sacroiliac joint structure: pain over the joint is charted at the PSIS (PainLocation's "psis" is "over the
        // posterior superior iliac spine (SI joint)").
        ["39723000"] = "psis",
        ["46862004"] = "buttock",   // Buttock structure
        ["16982005"] = "shoulder",  // Shoulder region structure
    };

    /// <summary>SNOMED CT structures of the low back: a pain site there puts the pain in the lumbar region.</summary>
    private static readonly HashSet<string> LumbarStructures = new(StringComparer.Ordinal) { "122496007", "37822005" };

    /// <summary>A spinal level or segment as charted: <c>L4-L5</c>, <c>L4-5</c>, <c>L5/S1</c>, <c>T12</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])([CTLS])(\d{1,2})(?:\s*[-–/]\s*([CTLS])?(\d{1,2}))?(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex LevelPattern();

    private static readonly Dictionary<char, int> LevelCounts = new() { ['C'] = 7, ['T'] = 12, ['L'] = 5, ['S'] = 1 };

    /// <summary>The spinal levels the sites' text and displays name, in order, each once; null when none.</summary>
    internal static List<string>? Levels(IEnumerable<CodeableConcept> sites)
    {
        List<string>? levels = null;
        foreach (var site in sites)
        {
            foreach (var text in site.Coding.Select(c => c.Display).Prepend(site.Text))
            {
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                foreach (Match match in LevelPattern().Matches(text))
                {
                    if (Level(match) is { } level && (levels ??= []).IndexOf(level) < 0)
                    {
                        levels.Add(level);
                    }
                }
            }
        }

        return levels;
    }

    private static string? Level(Match match)
    {
        var region = match.Groups[1].Value[0];
        var number = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (number < 1 || number > LevelCounts[region])
        {
            return null;
        }

        if (!match.Groups[4].Success)
        {
            return $"{region}{number}";
        }

        var lower = match.Groups[3].Success ? match.Groups[3].Value[0] : region;
        var lowerNumber = int.Parse(match.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
        return lowerNumber >= 1 && lowerNumber <= LevelCounts[lower] ? $"{region}{number}-{lower}{lowerNumber}" : null;
    }

    /// <summary>The side a resource's sites name: the first side code among them (on its own or beside a structure).</summary>
    private string? SideOf(IEnumerable<CodeableConcept> sites) =>
        sites.Select(s => _vocabulary.Choose(s, "side")?.Concept).FirstOrDefault(x => x is not null);

    /// <summary>Adds the pain locations the sites name; a low-back structure sets the pain region to lumbar.</summary>
    private void AddPainSites(string source, IReadOnlyCollection<CodeableConcept> sites, DateOnly? date)
    {
        var side = SideOf(sites);
        foreach (var site in sites)
        {
            if (PainLocationOf(site) is { } location)
            {
                if (_painLocations.Add((location, side)))
                {
                    Add(MappingTable.PainLocations, "pain.locations", new PainLocation { Site = location, Side = side }, source,
                        location + (side is null ? "" : $" ({side})"));
                }
            }
            else if (site.Coding.Any(c => c.System == MappingTable.Snomed && LumbarStructures.Contains(c.Code ?? "")))
            {
                Set(MappingTable.PainRegion, "pain.region", "lumbar", date, source + " bodySite");
            }
            else if (_vocabulary.Choose(site, "side")?.Concept is null && Levels([site]) is null)
            {
                Ignore(source, FhirIgnoreReason.Unused, $"bodySite {Codes(site)} names no pain location the mapping reads");
            }
        }
    }

    private string? PainLocationOf(CodeableConcept site) =>
        _vocabulary.Choose(site, "pain-location")?.Concept
        ?? site.Coding.Where(c => c.System == MappingTable.Snomed).Select(c => PainLocationStructures.GetValueOrDefault(c.Code ?? "")).FirstOrDefault(l => l is not null);

    /// <summary>Whether a condition is about spinal pain, so its body sites are where the pain is: a code the
    /// vocabulary's diagnosis set claims, or an ICD-10-CM dorsopathy (M40–M54).</summary>
    private bool IsSpinePainCondition(CodeableConcept? code) =>
        _vocabulary.Choose(code, "diagnosis") is { Concept: not null }
        || (code?.Coding.Any(c => c.System == "http://hl7.org/fhir/sid/icd-10-cm" && c.Code is { Length: >= 3 } icd && icd[0] == 'M'
            && int.TryParse(icd.AsSpan(1, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var block) && block is >= 40 and <= 54) ?? false);
}
