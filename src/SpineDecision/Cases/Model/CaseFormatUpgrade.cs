using SpineDecision.Language.Yaml;

namespace SpineDecision.Cases.Model;

/// <summary>
/// Reads a case format 1 document as format 2, by rewriting its tree before binding. Every rewritten node keeps
/// the location it was written at, so problems still point at the right line.
/// </summary>
/// <remarks>
/// Format 1 → 2: <c>referralQuestion: x</c> becomes <c>referral: { question: x }</c>;
/// <c>exam.straightLegRaise: true|false</c> becomes the exam finding <c>straight-leg-raise</c>, positive or negative;
/// each <c>imaging</c> finding becomes a study of one finding (<c>modality</c> and <c>date</c> move to the study);
/// a prior procedure's <c>levels: n</c> becomes <c>levelCount: n</c>, and <c>reliefDurationWeeks: w</c> becomes
/// <c>reliefDuration: w, reliefDurationUnit: weeks</c>.
/// </remarks>
internal static class CaseFormatUpgrade
{
    private static readonly string[] StudyKeys = ["modality", "date"];

    /// <summary>The upgraded case, or <see langword="null"/> when the case is already format 2 (or names a format this
    /// library does not read, which validation reports).</summary>
    public static YMapping? Apply(YMapping root)
    {
        if (Get(root, "caseFormat") is YScalar { IsNull: false } format && format.Value != "1")
        {
            return null;
        }

        var entries = new List<KeyValuePair<YScalar, YNode>>(root.Entries.Count);
        foreach (var (key, value) in root.Entries)
        {
            switch (key.Value)
            {
                case "referralQuestion":
                    entries.Add(new(Key(key, "referral"), new YMapping(value.At, [new(Key(key, "question"), value)])));
                    break;
                case "exam" when value is YMapping exam:
                    entries.Add(new(key, Exam(exam)));
                    break;
                case "imaging" when value is YSequence imaging:
                    entries.Add(new(key, new YSequence(imaging.At, [.. imaging.Items.Select(Study)])));
                    break;
                case "priorProcedures" when value is YSequence procedures:
                    entries.Add(new(key, new YSequence(procedures.At, [.. procedures.Items.Select(Procedure)])));
                    break;
                default:
                    entries.Add(new(key, value));
                    break;
            }
        }

        return root with { Entries = entries };
    }

    private static YMapping Exam(YMapping exam)
    {
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        YNode? finding = null;
        foreach (var (key, value) in exam.Entries)
        {
            if (key.Value == "straightLegRaise" && value is YScalar { IsNull: false } slr)
            {
                var result = slr.Value switch
                {
                    "true" or "True" or "TRUE" => "positive",
                    "false" or "False" or "FALSE" => "negative",
                    _ => slr.Value, // not a boolean: the binder reports it as an unknown result at this location
                };
                finding = new YMapping(value.At,
                [
                    new(Key(key, "test"), Scalar(value, "straight-leg-raise")),
                    new(Key(key, "result"), Scalar(value, result)),
                ]);
            }
            else if (key.Value != "straightLegRaise")
            {
                entries.Add(new(key, value));
            }
        }

        if (finding is not null)
        {
            entries.Add(new(Key(exam.Entries[0].Key, "findings"), new YSequence(finding.At, [finding])));
        }

        return exam with { Entries = entries };
    }

    private static YNode Study(YNode item)
    {
        if (item is not YMapping finding)
        {
            return item;
        }

        var study = finding.Entries.Where(e => StudyKeys.Contains(e.Key.Value)).ToList();
        var rest = finding.Entries.Where(e => !StudyKeys.Contains(e.Key.Value)).ToList();
        var keyAt = finding.Entries.Count > 0 ? finding.Entries[0].Key : new YScalar(finding.At, "finding", false);
        study.Add(new(Key(keyAt, "findings"), new YSequence(finding.At, [finding with { Entries = rest }])));
        return finding with { Entries = study };
    }

    private static YNode Procedure(YNode item)
    {
        if (item is not YMapping procedure)
        {
            return item;
        }

        var entries = new List<KeyValuePair<YScalar, YNode>>(procedure.Entries.Count + 1);
        foreach (var (key, value) in procedure.Entries)
        {
            switch (key.Value)
            {
                case "levels" when value is YScalar:
                    entries.Add(new(Key(key, "levelCount"), value));
                    break;
                case "reliefDurationWeeks":
                    entries.Add(new(Key(key, "reliefDuration"), value));
                    entries.Add(new(Key(key, "reliefDurationUnit"), Scalar(value, "weeks")));
                    break;
                default:
                    entries.Add(new(key, value));
                    break;
            }
        }

        return procedure with { Entries = entries };
    }

    private static YNode? Get(YMapping map, string key) => map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    private static YScalar Key(YScalar at, string name) => new(at.At, name, false);

    private static YScalar Scalar(YNode at, string value) => new(at.At, value, false);
}
