using SpineDecision.Cases;
using SpineDecision.Language.Model;

namespace SpineDecision.Facts;

/// <summary>
/// EHRs put comorbidities, allergies and pregnancy on the coded problem list (E11.65, Z95.0, A41.9, Z91.041, Z33.1),
/// which a case carries as diagnoses. A current problem-list entry (status confirmed, suspected or not written) whose
/// code no <c>diagnosis</c> concept claims but a <c>comorbidity</c>, <c>allergen</c> or <c>contraindication</c>
/// concept does is also read as that comorbidity, allergy or recorded contraindication, so that a rule about it sees
/// it wherever the chart wrote it. The codes stay declared once, on their concepts in the vocabulary.
/// A cancer-history red flag not written as explained is explained by a confirmed diagnosis of a spinal malignancy
/// (a <c>diagnosis</c> concept of the group <c>spinal-malignancy</c>) recorded as staged and under treatment, both
/// written true (CLINICAL.md §11, AHCPR: a diagnosed, staged lesion under treatment is not "unexplained"); anything
/// unknown leaves the flag unexplained.
/// </summary>
internal static class ProblemList
{
    /// <summary>The red-flag group a staged spinal malignancy under treatment explains.</summary>
    private const string CancerHistoryFlag = "history-of-cancer";

    /// <summary>The diagnosis group of the malignancies that explain a cancer history.</summary>
    private const string SpinalMalignancy = "spinal-malignancy";

    public static PatientCase Bridged(PatientCase c, Vocabulary vocabulary)
    {
        if (c.Diagnoses is not { Count: > 0 } diagnoses)
        {
            return c;
        }

        c = CancerHistoryExplained(c, diagnoses, vocabulary);

        List<Comorbidity>? comorbidities = null;
        List<Allergy>? allergies = null;
        List<RecordedContraindication>? contraindications = null;
        foreach (var diagnosis in diagnoses)
        {
            if (diagnosis?.Code is not { } code || diagnosis.Status is "ruled-out" or "historical"
                || !code.Contains(':', StringComparison.Ordinal) || vocabulary.Resolve("diagnosis", code) is not null)
            {
                continue;
            }

            if (vocabulary.Resolve("comorbidity", code) is { } comorbidity
                && !Listed(comorbidities ?? c.Comorbidities, static x => x?.Condition, "comorbidity", comorbidity.Id, vocabulary))
            {
                (comorbidities ??= [.. c.Comorbidities ?? []]).Add(new Comorbidity { Condition = code, Text = diagnosis.Text });
            }

            if (vocabulary.Resolve("allergen", code) is { } allergen
                && !Listed(allergies ?? c.Allergies, static x => x?.Substance, "allergen", allergen.Id, vocabulary))
            {
                (allergies ??= [.. c.Allergies ?? []]).Add(new Allergy { Substance = code, Text = diagnosis.Text });
            }

            if (vocabulary.Resolve("contraindication", code) is { } contraindication
                && !Listed(contraindications ?? c.Contraindications, static x => x?.Condition, "contraindication", contraindication.Id, vocabulary))
            {
                (contraindications ??= [.. c.Contraindications ?? []]).Add(new RecordedContraindication { Condition = code, Text = diagnosis.Text });
            }
        }

        return comorbidities is null && allergies is null && contraindications is null
            ? c
            : c with
            {
                Comorbidities = comorbidities ?? c.Comorbidities,
                Allergies = allergies ?? c.Allergies,
                Contraindications = contraindications ?? c.Contraindications,
            };
    }

    /// <summary>Whether the list already records the concept (written as its id or a code), so it is not read twice.</summary>
    private static bool Listed<T>(IEnumerable<T>? items, Func<T, string?> value, string set, string id, Vocabulary vocabulary) =>
        items?.Any(x => value(x) is { } written && vocabulary.ResolveId(set, written) == id) == true;

    /// <summary>Whether a diagnosis is a confirmed spinal malignancy, staged and under treatment, all written.</summary>
    public static bool IsStagedSpinalMalignancyOnTreatment(Diagnosis d, Vocabulary vocabulary) =>
        d is { Code: { } code, Staged: true, OnTreatment: true } && (d.Status ?? "confirmed") == "confirmed"
        && vocabulary.Resolve("diagnosis", code) is { } concept && concept.Groups.Contains(SpinalMalignancy);

    private static PatientCase CancerHistoryExplained(PatientCase c, IReadOnlyList<Diagnosis> diagnoses, Vocabulary vocabulary)
    {
        if (c.RedFlags is not { Count: > 0 } flags || !diagnoses.Any(d => d is not null && IsStagedSpinalMalignancyOnTreatment(d, vocabulary))
            || !flags.Any(f => f is { Explained: not true, Flag: { } flag } && vocabulary.ResolveId("red-flag", flag) == CancerHistoryFlag))
        {
            return c;
        }

        return c with
        {
            RedFlags = [.. flags.Select(f => f is { Explained: not true, Flag: { } flag } && vocabulary.ResolveId("red-flag", flag) == CancerHistoryFlag
                ? f with { Explained = true, Text = f.Text ?? "explained by a staged spinal malignancy under treatment" }
                : f)],
        };
    }
}
