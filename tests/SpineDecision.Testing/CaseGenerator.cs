using System.Collections.Immutable;
using SpineDecision.Cases;

namespace SpineDecision.Testing;

/// <summary>
/// Generates realistic, valid patient cases across every pathway of the default rules. Seeded and deterministic:
/// the same seed and options always give the same cases in the same order, on every machine.
/// </summary>
/// <remarks>Every case passes <see cref="ISpineDecisionEngine.Validate"/> against the default vocabulary; a case
/// not marked <see cref="GeneratedCase.Contraindicated"/> gets exactly <see cref="GeneratedCase.ExpectedRecommendations"/>
/// under the default profile. Not thread-safe: use one generator per thread.</remarks>
public sealed class CaseGenerator
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 20261101;

    private static readonly DateOnly FirstAssessment = new(2025, 1, 6);

    private static readonly (string Flag, string Group)[] RedFlags =
    [
        ("saddle-anaesthesia", "cauda-equina"), ("bladder-dysfunction", "cauda-equina"), ("bilateral-sciatica", "cauda-equina"),
        ("progressive-neurological-deficit", "neurological"), ("major-motor-weakness", "neurological"),
        ("history-of-cancer", "tumour"), ("unexplained-weight-loss", "tumour"), ("night-pain", "tumour"),
        ("fever", "infection"), ("iv-drug-use", "infection"), ("immunosuppression", "infection"),
        ("major-trauma", "fracture"), ("minor-trauma-osteoporotic", "fracture"), ("long-term-steroid-use", "fracture"),
        ("myelopathy", "cord-compression"),
    ];

    private static readonly Medication[] EverydayMedications =
    [
        new() { Name = "ibuprofen", Class = "nsaid" },
        new() { Name = "naproxen", Class = "nsaid" },
        new() { Name = "atorvastatin", Class = "other" },
        new() { Name = "metformin", Class = "other" },
        new() { Name = "gabapentin", Class = "other" },
        new() { Name = "tramadol", Class = "opioid" },
        new() { Name = "lisinopril", Class = "other" },
    ];

    private readonly Random _random;
    private readonly CaseGeneratorOptions _options;
    private readonly (CasePathway Pathway, int Weight)[] _weights;
    private readonly int _totalWeight;
    private readonly int _seed;
    private int _count;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed; the same seed gives the same cases.</param>
    /// <param name="options">The pathway mix and complication rates; <see cref="CaseGeneratorOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">No pathway has a positive weight, or a rate is outside 0–1.</exception>
    public CaseGenerator(int seed = DefaultSeed, CaseGeneratorOptions? options = null)
    {
        _options = options ?? CaseGeneratorOptions.Default;
        _weights = [.. _options.PathwayWeights.Where(w => w.Value > 0).OrderBy(w => w.Key).Select(w => (w.Key, w.Value))];
        _totalWeight = _weights.Sum(w => w.Weight);
        if (_totalWeight <= 0)
        {
            throw new ArgumentException("at least one pathway needs a positive weight", nameof(options));
        }

        if (_options.CautionRate is < 0 or > 1 || _options.ContraindicationRate is < 0 or > 1)
        {
            throw new ArgumentException("rates must lie between 0 and 1", nameof(options));
        }

        _seed = seed;
        _random = new Random(seed);
    }

    /// <summary>Generates <paramref name="count"/> cases with the default mix.</summary>
    /// <param name="count">How many cases.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The cases, in generation order.</returns>
    public static IReadOnlyList<PatientCase> Generate(int count, int seed = DefaultSeed)
    {
        var generator = new CaseGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ => generator.Next().Case)];
    }

    /// <summary>The next case, its pathway drawn from the configured weights.</summary>
    /// <returns>The case.</returns>
    public GeneratedCase Next()
    {
        var draw = _random.Next(_totalWeight);
        foreach (var (pathway, weight) in _weights)
        {
            if (draw < weight)
            {
                return Next(pathway);
            }

            draw -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The next case on a given pathway.</summary>
    /// <param name="pathway">The pathway.</param>
    /// <returns>The case.</returns>
    public GeneratedCase Next(CasePathway pathway)
    {
        var id = $"gen-{_seed}-{_count++:D6}";
        var builder = pathway switch
        {
            CasePathway.EpiduralSteroid => EpiduralSteroid(),
            CasePathway.FacetBlock => Facet(positiveBlocks: _random.Next(2)),
            CasePathway.FacetRadiofrequency => Facet(positiveBlocks: 2),
            CasePathway.ScsTrial => Scs(withTrial: false),
            CasePathway.ScsImplant => Scs(withTrial: true),
            CasePathway.RedFlag => RedFlag(),
            CasePathway.MissingInformation => MissingInformation(),
            _ => throw new ArgumentOutOfRangeException(nameof(pathway), pathway, "unknown pathway"),
        };

        var complications = ImmutableArray.CreateBuilder<string>();
        if (pathway != CasePathway.MissingInformation)
        {
            if (Chance(_options.CautionRate))
            {
                complications.Add(AddCaution(builder));
            }

            if (pathway != CasePathway.RedFlag && Chance(_options.ContraindicationRate))
            {
                complications.Add(AddContraindication(builder, pathway));
            }
        }

        return new GeneratedCase(builder.Build(id), pathway, complications.ToImmutable());
    }

    private CaseBuilder EpiduralSteroid()
    {
        var lumbar = Chance(0.75);
        var region = lumbar ? "lumbar" : "cervical";
        var claudication = lumbar && Chance(0.15);
        var pattern = claudication ? "neurogenic-claudication" : Chance(0.8) ? "radicular" : "mixed";
        var side = claudication ? "bilateral" : Pick("left", "left", "right", "right", "bilateral");
        var diagnosis = claudication ? "spinal-stenosis"
            : lumbar ? Pick("disc-herniation", "lumbar-radiculopathy", "lumbar-radiculopathy", "spinal-stenosis")
            : Pick("cervical-radiculopathy", "cervical-radiculopathy", "disc-herniation");
        var b = Base(region, pattern, side, weeks: Between(4, 40));
        b.Exam = new ExamInfo { Findings = lumbar ? [new ExamFinding { Test = "straight-leg-raise", Result = "positive" }] : null, ImagingConcordant = true, MyelopathicSigns = false };
        b.Diagnoses.Add(Coded(diagnosis));
        var finding = new ImagingFinding
        {
            Finding = diagnosis == "spinal-stenosis" ? Pick("central-canal-stenosis", "foraminal-stenosis") : "disc-herniation",
            Level = lumbar ? Pick("L3-L4", "L4-L5", "L4-L5", "L5-S1") : Pick("C5-C6", "C6-C7"),
            Side = side == "bilateral" ? null : side,
        };
        b.Imaging.Add(new ImagingStudy { Modality = Pick("mri", "mri", "ct"), Date = b.Date(-Between(7, 120)), Findings = [finding] });
        Therapies(b, Between(1, 3));
        if (Chance(0.2))
        {
            // A repeat: an earlier injection that worked (inside the 12-month window, so it counts towards the limit).
            b.Procedures.Add(new PriorProcedure
            {
                Procedure = "epidural-steroid-injection", Region = region, Side = side == "bilateral" ? null : side, LevelCount = 1,
                Date = b.Date(-Between(120, 330)), ReliefPercent = Between(55, 90), ReliefDuration = Between(8, 20), ReliefDurationUnit = "weeks",
            });
        }

        return b;
    }

    private CaseBuilder Facet(int positiveBlocks)
    {
        var region = Pick("lumbar", "lumbar", "lumbar", "cervical", "thoracic");
        var b = Base(region, "axial", Pick("bilateral", "bilateral", "left", "right"), weeks: Between(13, 104));
        // The facet joints are implicated by a facet diagnosis or, without one, by facet-loading pain on examination.
        var diagnosed = Chance(0.8);
        b.Exam = new ExamInfo
        {
            Findings = [new ExamFinding { Test = "facet-loading", Result = diagnosed ? Pick("positive", "not-done") : "positive" }],
            MyelopathicSigns = false,
        };
        if (diagnosed)
        {
            b.Diagnoses.Add(Coded("facet-arthropathy"));
        }

        b.Imaging.Add(new ImagingStudy { Modality = "mri", Date = b.Date(-Between(30, 300)), Findings = [new ImagingFinding { Finding = "facet-arthropathy", Level = region == "cervical" ? "C4-C5" : region == "thoracic" ? "T8-T9" : "L4-L5" }] });
        Therapies(b, Between(1, 3));
        if (positiveBlocks == 0 && Chance(0.3))
        {
            // An old block outside the 12-month window does not count.
            b.Procedures.Add(new PriorProcedure { Procedure = "medial-branch-block", Region = region, Date = b.Date(-Between(400, 700)), ReliefPercent = Between(80, 95), LevelCount = 2 });
        }

        var day = -Between(150, 330);
        for (var i = 0; i < positiveBlocks; i++)
        {
            var block = new PriorProcedure { Procedure = "medial-branch-block", Region = region, Date = b.Date(day), LevelCount = 2 };
            if (Chance(0.4))
            {
                // Relief from the pain scores: (before - after) / before >= 80 %.
                var (before, after) = Pick((7.0, 1.0), (8.0, 1.0), (9.0, 1.0), (10.0, 2.0), (10.0, 1.0), (6.0, 1.0), (5.0, 1.0));
                block = block with { PainBefore = before, PainAfter = after };
            }
            else
            {
                block = block with { ReliefPercent = Between(80, 100) };
            }

            b.Procedures.Add(block);
            day += Between(14, 60);
        }

        if (positiveBlocks == 2 && Chance(0.15))
        {
            // A repeat ablation: the previous one is older than 12 months.
            b.Procedures.Add(new PriorProcedure { Procedure = "facet-rfa", Region = region, Date = b.Date(-Between(400, 600)), ReliefPercent = Between(60, 90), ReliefDuration = Between(26, 52), ReliefDurationUnit = "weeks", LevelCount = 2 });
        }

        return b;
    }

    private CaseBuilder Scs(bool withTrial)
    {
        var diagnosis = Pick("post-laminectomy-syndrome", "post-laminectomy-syndrome", "crps", "neuropathic-pain");
        var region = diagnosis == "post-laminectomy-syndrome" ? "lumbar" : Pick("lumbar", "cervical");
        var b = Base(region, Pick("radicular", "mixed"), Pick("left", "right", "bilateral"), weeks: Between(26, 260));
        b.Exam = new ExamInfo { ImagingConcordant = false, MyelopathicSigns = false };
        b.Psychosocial = new PsychosocialInfo { Evaluation = "cleared", UntreatedSubstanceUse = false, UncontrolledPsychiatricIllness = false };
        b.Diagnoses.Add(Coded(diagnosis));
        if (diagnosis == "post-laminectomy-syndrome")
        {
            b.Therapies.Add(new ConservativeTherapy { Modality = "spine-surgery", Outcome = "failed" });
        }

        b.Therapies.Add(new ConservativeTherapy { Modality = "neuropathic-medication", Weeks = Between(12, 52), Outcome = Pick("failed", "intolerant") });
        Therapies(b, Between(0, 2), requireFailure: false);
        if (withTrial)
        {
            b.Trials.Add(new TrialResult { Kind = "scs", Date = b.Date(-Between(3, 60)), ReliefPercent = Between(50, 90), DurationDays = Between(3, 10), FunctionalImprovement = true });
        }

        return b;
    }

    private CaseBuilder RedFlag()
    {
        var b = Chance(0.6) ? EpiduralSteroid() : Facet(positiveBlocks: _random.Next(3));
        if (Chance(0.15))
        {
            b.Exam = b.Exam with { MyelopathicSigns = true };
        }
        else
        {
            var count = Chance(0.7) ? 1 : 2;
            foreach (var (flag, _) in RedFlags.OrderBy(_ => _random.Next()).Take(count))
            {
                b.RedFlags.Add(new RedFlagFinding { Flag = flag, Explained = Chance(0.5) ? null : false });
            }
        }

        return b;
    }

    private CaseBuilder MissingInformation()
    {
        var region = Pick("lumbar", "cervical");
        var b = new CaseBuilder(FirstAssessment.AddDays(_random.Next(700)))
        {
            Patient = new PatientInfo { Age = Between(25, 80) },
            Pain = new PainInfo
            {
                Region = region,
                Pattern = Pick("radicular", "mixed"),
                Laterality = Chance(0.6) ? Pick("left", "right") : null,
                Nrs = Chance(0.5) ? Between(4, 9) : null,
            },
            DiagnosesDocumented = Chance(0.6),
            ImagingDocumented = false,
            ConservativeCareDocumented = false,
            ProceduresDocumented = false,
            RedFlagsDocumented = false,
            MedicationsDocumented = false,
            AllergiesDocumented = false,
            ComorbiditiesDocumented = false,
            TrialsDocumented = false,
        };
        if (b.DiagnosesDocumented)
        {
            b.Diagnoses.Add(region == "lumbar" ? "lumbar-radiculopathy" : "cervical-radiculopathy");
        }

        return b;
    }

    private CaseBuilder Base(string region, string pattern, string side, int weeks)
    {
        var age = Between(25, 85);
        var female = Chance(0.55);
        var b = new CaseBuilder(FirstAssessment.AddDays(_random.Next(700)))
        {
            Patient = new PatientInfo { Age = age, Sex = female ? "female" : "male", Pregnant = female && age < 50 ? false : null },
            Pain = new PainInfo
            {
                Region = region,
                Pattern = pattern,
                Laterality = side,
                DurationWeeks = weeks,
                Nrs = Between(5, 10),
                DisabilityScale = region == "cervical" ? "ndi" : "odi",
                DisabilityScore = Between(20, 70),
                Worsening = Chance(0.3) ? true : null,
            },
        };
        foreach (var medication in EverydayMedications.OrderBy(_ => _random.Next()).Take(_random.Next(3)))
        {
            b.Medications.Add(medication);
        }

        return b;
    }

    private void Therapies(CaseBuilder b, int extra, bool requireFailure = true)
    {
        if (requireFailure)
        {
            b.Therapies.Add(new ConservativeTherapy { Modality = Pick("physical-therapy", "physical-therapy", "home-exercise"), Weeks = Between(4, 12), Outcome = Pick("failed", "failed", "intolerant") });
        }

        var modalities = new[] { "nsaid", "analgesics", "activity-modification", "chiropractic", "cognitive-behavioural-therapy", "multidisciplinary-rehabilitation" };
        foreach (var modality in modalities.OrderBy(_ => _random.Next()).Take(extra))
        {
            b.Therapies.Add(new ConservativeTherapy { Modality = modality, Weeks = Between(2, 26), Outcome = Pick("failed", "partial", "ongoing", "intolerant") });
        }
    }

    private string AddCaution(CaseBuilder b)
    {
        switch (_random.Next(5))
        {
            case 0:
                b.Medications.Add(Chance(0.5) ? new Medication { Name = "apixaban", Class = "anticoagulant" } : new Medication { Name = "clopidogrel", Class = "antiplatelet" });
                return "caution:anticoagulant";
            case 1:
                // Pregnancy is not a precaution here: it defers epidural and facet procedures (a temporary withhold).
                b.Comorbidities.Add("congestive-heart-failure");
                return "caution:congestive-heart-failure";
            case 2:
                b.Comorbidities.Add("uncontrolled-diabetes");
                return "caution:uncontrolled-diabetes";
            case 3:
                b.Allergies.Add("iodinated-contrast");
                return "caution:contrast-allergy";
            default:
                b.RedFlags.Add(new RedFlagFinding { Flag = "history-of-cancer", Explained = true });
                return "caution:explained-red-flag";
        }
    }

    private string AddContraindication(CaseBuilder b, CasePathway pathway)
    {
        switch (_random.Next(6))
        {
            case 0:
                b.Comorbidities.Add("active-systemic-infection");
                return "contraindication:active-systemic-infection";
            case 1:
                b.Comorbidities.Add("bleeding-disorder");
                return "contraindication:bleeding-disorder";
            case 2:
                b.Allergies.Add("local-anaesthetic");
                return "contraindication:local-anaesthetic-allergy";
            case 3:
                b.Comorbidities.Add("pacemaker");
                return "contraindication:pacemaker";
            case 4:
                b.Psychosocial = b.Psychosocial with { UntreatedSubstanceUse = true };
                return "contraindication:untreated-substance-use";
            default:
                switch (pathway)
                {
                    case CasePathway.EpiduralSteroid:
                        b.Procedures.Add(new PriorProcedure { Procedure = "epidural-steroid-injection", Region = b.Pain.Region, Date = b.Date(-Between(30, 200)), PainBefore = 8, PainAfter = 6 });
                        return "contraindication:failed-prior-esi";
                    case CasePathway.FacetRadiofrequency:
                        b.Procedures.Add(new PriorProcedure { Procedure = "medial-branch-block", Region = b.Pain.Region, Date = b.Date(-Between(20, 100)), ReliefPercent = Between(20, 70) });
                        return "contraindication:negative-block";
                    case CasePathway.ScsImplant:
                        b.Trials.Add(new TrialResult { Kind = "scs", Date = b.Date(-Between(61, 200)), ReliefPercent = Between(10, 45), DurationDays = 7 });
                        return "contraindication:failed-scs-trial";
                    default:
                        b.Comorbidities.Add("coagulopathy");
                        return "contraindication:coagulopathy";
                }
        }
    }

    /// <summary>One in ten diagnoses is written as its ICD-10-CM code, as an EHR would send it.</summary>
    private string Coded(string diagnosis)
    {
        if (!Chance(0.1))
        {
            return diagnosis;
        }

        return diagnosis switch
        {
            "lumbar-radiculopathy" => "ICD10CM:M54.16",
            "cervical-radiculopathy" => "ICD10CM:M54.12",
            "disc-herniation" => "ICD10CM:M51.26",
            "spinal-stenosis" => "ICD10CM:M48.062",
            "post-laminectomy-syndrome" => "ICD10CM:M96.1",
            "crps" => "ICD10CM:G90.50",
            "facet-arthropathy" => "ICD10CM:M47.816",
            _ => diagnosis,
        };
    }

    private bool Chance(double p) => p > 0 && _random.NextDouble() < p;

    private int Between(int min, int max) => _random.Next(min, max + 1);

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    /// <summary>A mutable case under construction; lists are null in the case when not documented.</summary>
    private sealed class CaseBuilder(DateOnly assessmentDate)
    {
        public DateOnly AssessmentDate { get; } = assessmentDate;
        public PatientInfo Patient { get; set; } = new();
        public PainInfo Pain { get; set; } = new();
        public ExamInfo Exam { get; set; } = new();
        public PsychosocialInfo Psychosocial { get; set; } = new();
        public bool DiagnosesDocumented { get; init; } = true;
        public bool ImagingDocumented { get; init; } = true;
        public bool ConservativeCareDocumented { get; init; } = true;
        public bool ProceduresDocumented { get; init; } = true;
        public bool RedFlagsDocumented { get; init; } = true;
        public bool MedicationsDocumented { get; init; } = true;
        public bool AllergiesDocumented { get; init; } = true;
        public bool ComorbiditiesDocumented { get; init; } = true;
        public bool TrialsDocumented { get; init; } = true;
        public List<string> Diagnoses { get; } = [];
        public List<ImagingStudy> Imaging { get; } = [];
        public List<ConservativeTherapy> Therapies { get; } = [];
        public List<PriorProcedure> Procedures { get; } = [];
        public List<RedFlagFinding> RedFlags { get; } = [];
        public List<Medication> Medications { get; } = [];
        public List<string> Allergies { get; } = [];
        public List<string> Comorbidities { get; } = [];
        public List<TrialResult> Trials { get; } = [];

        public DateOnly Date(int daysFromAssessment) => AssessmentDate.AddDays(daysFromAssessment);

        public PatientCase Build(string id) => new()
        {
            Id = id,
            AssessmentDate = AssessmentDate,
            Patient = Patient,
            Pain = Pain,
            Exam = Exam,
            Psychosocial = Psychosocial,
            Diagnoses = DiagnosesDocumented ? [.. Diagnoses.Select(d => new Diagnosis { Code = d })] : null,
            Imaging = ImagingDocumented ? [.. Imaging] : null,
            ConservativeCare = ConservativeCareDocumented ? [.. Therapies] : null,
            PriorProcedures = ProceduresDocumented ? [.. Procedures.OrderBy(p => p.Date)] : null,
            RedFlags = RedFlagsDocumented ? [.. RedFlags] : null,
            Medications = MedicationsDocumented ? [.. Medications] : null,
            Allergies = AllergiesDocumented ? [.. Allergies.Select(a => new Allergy { Substance = a })] : null,
            Comorbidities = ComorbiditiesDocumented ? [.. Comorbidities.Select(c => new Comorbidity { Condition = c })] : null,
            Trials = TrialsDocumented ? [.. Trials] : null,
        };
    }
}
