using System.Globalization;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Yaml;

namespace SpineDecision.Cases;

/// <summary>
/// Reads a <see cref="PatientCase"/> from its documented text format, written in YAML or JSON.
/// </summary>
/// <remarks>
/// <para>
/// Keys are the camelCase names of the model's properties (<c>assessmentDate</c>, <c>pain: { nrs: 7 }</c>,
/// <c>priorProcedures: [{ procedure: medial-branch-block, reliefPercent: 80 }]</c>); dates are written
/// <c>yyyy-MM-dd</c>. A list written as <c>[]</c> means "reviewed, none"; a list that is absent or <c>null</c>
/// means "not documented". A red flag may be written as a plain concept id instead of <c>{ flag: … }</c>.
/// </para>
/// <para>
/// Reading checks the shape only: syntax, value types, required and unknown keys (with a did-you-mean), under the
/// limits for untrusted input. Whether values lie in range and name known concepts is checked when the case is
/// evaluated against a rule set's vocabulary.
/// </para>
/// </remarks>
public static class PatientCaseReader
{
    /// <summary>The path under which problems with the case as a whole (or with the file) are reported.</summary>
    private const string CasePath = "(case)";

    /// <summary>Reads one case from YAML or JSON text.</summary>
    /// <param name="text">The case, in YAML or JSON.</param>
    /// <param name="fileName">The name that problem locations report, for example <c>cases/radicular.yaml</c>.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="fileName"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidCaseException">The text is not a well-formed case; every problem is listed with its line and column.</exception>
    public static PatientCase Read(string text, string fileName) => Read(text, fileName, null);

    /// <summary>Reads one case from a YAML or JSON file.</summary>
    /// <param name="path">The file's path; problem locations report it as given.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    /// <exception cref="InvalidCaseException">
    /// The file does not exist, cannot be read or is too large, or it is not a well-formed case; every problem is listed.
    /// </exception>
    public static PatientCase ReadFile(string path) => ReadFile(path, null);

    /// <summary>Reads one case from text and records where each datum was written.</summary>
    internal static PatientCase Read(string text, string fileName, CaseLocations? locations)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        var diagnostics = new DiagnosticBag();
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(text, fileName, diagnostics);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some malformed flow collections (an
            // unclosed '{' followed by more keys; aaubry/YamlDotNet#541), without a position.
            root = null;
            diagnostics.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(fileName, 1, 1),
                "YAML syntax error: the text could not be parsed; look for an unclosed '{' or '['");
        }

        PatientCase? patientCase = null;
        if (root is not null)
        {
            patientCase = TryRead(root, new YamlBinder(diagnostics), locations);
        }
        else if (!diagnostics.HasErrors)
        {
            diagnostics.Error(DiagnosticCodes.CaseInvalid, new SourceLocation(fileName, 1, 1),
                "the case is empty; write a mapping with at least 'assessmentDate'");
        }

        if (patientCase is null || diagnostics.HasErrors)
        {
            throw new InvalidCaseException(ToProblems(root, diagnostics));
        }

        return patientCase;
    }

    /// <summary>Reads one case from a file and records where each datum was written.</summary>
    internal static PatientCase ReadFile(string path, CaseLocations? locations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        string text;
        try
        {
            if (Directory.Exists(path))
            {
                throw Unreadable($"'{path}' is a folder, not a case file");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Unreadable($"the case file '{path}' does not exist");
            }

            if (info.Length > YamlLimits.Default.MaxFileBytes)
            {
                throw Unreadable(string.Create(CultureInfo.InvariantCulture,
                    $"the case file '{path}' is {info.Length} bytes; the limit is {YamlLimits.Default.MaxFileBytes}"));
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException or ArgumentException)
        {
            throw Unreadable($"cannot read the case file '{path}': {e.Message}");
        }

        return Read(text, path, locations);
    }

    /// <summary>
    /// Binds an already-parsed case, for example the <c>given:</c> of a scenario. Every problem is added to the
    /// binder's diagnostics; nothing is thrown.
    /// </summary>
    /// <param name="node">The case node; <see langword="null"/> (absent) yields <see langword="null"/> without a diagnostic.</param>
    /// <param name="binder">The binder whose diagnostics collect the problems.</param>
    /// <param name="locations">When given, receives the location of every datum by its path.</param>
    /// <returns>The case, or <see langword="null"/> when the node is absent or any error was reported while binding it.</returns>
    internal static PatientCase? TryRead(YNode? node, YamlBinder binder, CaseLocations? locations)
    {
        ArgumentNullException.ThrowIfNull(binder);
        if (node is null)
        {
            return null;
        }

        var errorsBefore = binder.Diagnostics.ErrorCount;
        var patientCase = new CaseBinder(binder, locations).Case(node);
        return binder.Diagnostics.ErrorCount == errorsBefore ? patientCase : null;
    }

    private static InvalidCaseException Unreadable(string message) => new([new CaseProblem(CasePath, message)]);

    private static List<CaseProblem> ToProblems(YNode? root, DiagnosticBag diagnostics)
    {
        var paths = new PathIndex();
        if (root is not null)
        {
            paths.Walk(root, string.Empty);
        }

        var problems = new List<CaseProblem>();
        foreach (var diagnostic in diagnostics.Sorted())
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                var path = paths.PathOf(diagnostic);
                problems.Add(new CaseProblem(path.Length == 0 ? CasePath : path, diagnostic.Message, diagnostic.Location));
            }
        }

        return problems;
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>Names the datum a diagnostic points at, by the locations of the nodes and keys of the document.</summary>
    private sealed class PathIndex
    {
        private readonly Dictionary<SourceLocation, string> _nodes = [];
        private readonly Dictionary<SourceLocation, string> _keys = [];

        public void Walk(YNode node, string path)
        {
            _nodes.TryAdd(node.At, path);
            switch (node)
            {
                case YMapping map:
                    foreach (var entry in map.Entries)
                    {
                        var entryPath = Join(path, entry.Key.Value);
                        _keys.TryAdd(entry.Key.At, entryPath);
                        Walk(entry.Value, entryPath);
                    }

                    break;
                case YSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Walk(sequence.Items[i], Index(path, i));
                    }

                    break;
            }
        }

        public string PathOf(RuleDiagnostic diagnostic)
        {
            // Unknown and duplicate keys point at the key; everything else at a node (a block mapping starts where
            // its first key does, so the node wins there: a missing key belongs to the mapping).
            var keyFirst = diagnostic.Code is DiagnosticCodes.UnknownKey or DiagnosticCodes.DuplicateKey;
            var (first, second) = keyFirst ? (_keys, _nodes) : (_nodes, _keys);
            return first.GetValueOrDefault(diagnostic.Location) ?? second.GetValueOrDefault(diagnostic.Location) ?? string.Empty;
        }
    }

    /// <summary>Binds the case format key by key, recording locations as it goes.</summary>
    private sealed class CaseBinder(YamlBinder binder, CaseLocations? locations)
    {
        public PatientCase? Case(YNode node)
        {
            Note(string.Empty, node);
            var map = binder.Mapping(node, "the case");
            if (map is null)
            {
                return null;
            }

            var patientCase = new PatientCase
            {
                Id = String(map, string.Empty, "id"),
                AssessmentDate = RequiredDate(map, string.Empty, "assessmentDate"),
                Patient = Part(map, "patient", Patient) ?? new PatientInfo(),
                Pain = Part(map, "pain", Pain) ?? new PainInfo(),
                Exam = Part(map, "exam", Exam) ?? new ExamInfo(),
                Labs = Part(map, "labs", Labs) ?? new LabInfo(),
                Psychosocial = Part(map, "psychosocial", Psychosocial) ?? new PsychosocialInfo(),
                Diagnoses = List(map, string.Empty, "diagnoses", StringItem),
                Imaging = List(map, string.Empty, "imaging", MappingItem(Imaging)),
                ConservativeCare = List(map, string.Empty, "conservativeCare", MappingItem(ConservativeTherapy)),
                PriorProcedures = List(map, string.Empty, "priorProcedures", MappingItem(PriorProcedure)),
                RedFlags = List(map, string.Empty, "redFlags", RedFlagItem),
                Medications = List(map, string.Empty, "medications", MappingItem(Medication)),
                Allergies = List(map, string.Empty, "allergies", StringItem),
                Comorbidities = List(map, string.Empty, "comorbidities", StringItem),
                Trials = List(map, string.Empty, "trials", MappingItem(Trial)),
                LifeExpectancyMonths = Number(map, string.Empty, "lifeExpectancyMonths"),
                ReferralQuestion = String(map, string.Empty, "referralQuestion"),
            };
            map.Done();
            return patientCase;
        }

        private PatientInfo Patient(MappingReader map, string path) => new()
        {
            Age = Integer(map, path, "age"),
            Sex = String(map, path, "sex"),
            Pregnant = Boolean(map, path, "pregnant"),
            Hospitalised = Boolean(map, path, "hospitalised"),
        };

        private PainInfo Pain(MappingReader map, string path) => new()
        {
            Region = String(map, path, "region"),
            Pattern = String(map, path, "pattern"),
            Laterality = String(map, path, "laterality"),
            DurationWeeks = Number(map, path, "durationWeeks"),
            Nrs = Number(map, path, "nrs"),
            DisabilityScale = String(map, path, "disabilityScale"),
            DisabilityScore = Number(map, path, "disabilityScore"),
            Worsening = Boolean(map, path, "worsening"),
        };

        private ExamInfo Exam(MappingReader map, string path) => new()
        {
            StraightLegRaise = Boolean(map, path, "straightLegRaise"),
            SiProvocationPositive = Integer(map, path, "siProvocationPositive"),
            MyelopathicSigns = Boolean(map, path, "myelopathicSigns"),
            ImagingConcordant = Boolean(map, path, "imagingConcordant"),
            RootLevelUncertain = Boolean(map, path, "rootLevelUncertain"),
        };

        private LabInfo Labs(MappingReader map, string path) => new()
        {
            Inr = Number(map, path, "inr"),
            Platelets = Number(map, path, "platelets"),
            HbA1c = Number(map, path, "hbA1c"),
        };

        private PsychosocialInfo Psychosocial(MappingReader map, string path) => new()
        {
            Evaluation = String(map, path, "evaluation"),
            UntreatedSubstanceUse = Boolean(map, path, "untreatedSubstanceUse"),
            UncontrolledPsychiatricIllness = Boolean(map, path, "uncontrolledPsychiatricIllness"),
            OpioidReductionAgreed = Boolean(map, path, "opioidReductionAgreed"),
        };

        private ImagingFinding Imaging(MappingReader map, string path) => new()
        {
            Finding = RequiredString(map, path, "finding"),
            Level = String(map, path, "level"),
            Side = String(map, path, "side"),
            Modality = String(map, path, "modality"),
            Date = Date(map, path, "date"),
            Acute = Boolean(map, path, "acute"),
            HeightLossPercent = Number(map, path, "heightLossPercent"),
        };

        private ConservativeTherapy ConservativeTherapy(MappingReader map, string path) => new()
        {
            Modality = RequiredString(map, path, "modality"),
            Weeks = Number(map, path, "weeks"),
            Outcome = String(map, path, "outcome"),
        };

        private PriorProcedure PriorProcedure(MappingReader map, string path) => new()
        {
            Procedure = RequiredString(map, path, "procedure"),
            Region = String(map, path, "region"),
            Date = Date(map, path, "date"),
            Levels = Integer(map, path, "levels"),
            Side = String(map, path, "side"),
            PainBefore = Number(map, path, "painBefore"),
            PainAfter = Number(map, path, "painAfter"),
            ReliefPercent = Number(map, path, "reliefPercent"),
            ReliefDurationWeeks = Number(map, path, "reliefDurationWeeks"),
            FunctionalImprovementPercent = Number(map, path, "functionalImprovementPercent"),
        };

        private RedFlagFinding RedFlag(MappingReader map, string path) => new()
        {
            Flag = RequiredString(map, path, "flag"),
            Explained = Boolean(map, path, "explained"),
        };

        private Medication Medication(MappingReader map, string path) => new()
        {
            Name = String(map, path, "name"),
            Class = RequiredString(map, path, "class"),
        };

        private TrialResult Trial(MappingReader map, string path) => new()
        {
            Kind = RequiredString(map, path, "kind"),
            Date = Date(map, path, "date"),
            ReliefPercent = Number(map, path, "reliefPercent"),
            DurationDays = Number(map, path, "durationDays"),
            FunctionalImprovement = Boolean(map, path, "functionalImprovement"),
        };

        private string? String(MappingReader map, string prefix, string key) =>
            binder.String(Field(map, prefix, key), $"'{key}'");

        private double? Number(MappingReader map, string prefix, string key) =>
            binder.Number(Field(map, prefix, key), $"'{key}'");

        private int? Integer(MappingReader map, string prefix, string key) =>
            binder.Integer(Field(map, prefix, key), $"'{key}'");

        private bool? Boolean(MappingReader map, string prefix, string key) =>
            binder.Boolean(Field(map, prefix, key), $"'{key}'");

        private DateOnly? Date(MappingReader map, string prefix, string key) =>
            binder.Date(Field(map, prefix, key), $"'{key}'");

        private string RequiredString(MappingReader map, string prefix, string key)
        {
            var node = Field(map, prefix, key, required: true);
            var value = binder.String(node, $"'{key}'");
            if (value is null && node is YScalar)
            {
                binder.Diagnostics.Error(DiagnosticCodes.MissingKey, node.At, $"'{key}' must have a value");
            }

            return value!;
        }

        private DateOnly RequiredDate(MappingReader map, string prefix, string key)
        {
            var node = Field(map, prefix, key, required: true);
            var value = binder.Date(node, $"'{key}'");
            if (node is YScalar { IsNull: true })
            {
                binder.Diagnostics.Error(DiagnosticCodes.MissingKey, node.At, $"'{key}' must have a value");
            }

            return value ?? default;
        }

        private YNode? Field(MappingReader map, string prefix, string key, bool required = false)
        {
            var node = map.Node(key, required);
            Note(Join(prefix, key), node);
            return node;
        }

        private T? Part<T>(MappingReader parent, string key, Func<MappingReader, string, T> read)
            where T : class
        {
            var node = parent.Node(key);
            Note(key, node);
            if (node is null or YScalar { IsNull: true })
            {
                return null;
            }

            return Bind(node, key, read);
        }

        private List<T>? List<T>(MappingReader parent, string prefix, string key, Func<YNode, string, T?> readItem)
            where T : class
        {
            var node = parent.Node(key);
            var path = Join(prefix, key);
            Note(path, node);
            switch (node)
            {
                case null or YScalar { IsNull: true }:
                    return null;
                case YSequence sequence:
                    var items = new List<T>(sequence.Items.Count);
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        var itemPath = Index(path, i);
                        Note(itemPath, sequence.Items[i]);
                        if (readItem(sequence.Items[i], itemPath) is { } item)
                        {
                            items.Add(item);
                        }
                    }

                    return items;
                default:
                    binder.Diagnostics.Error(DiagnosticCodes.WrongNodeKind, node.At, $"'{key}' must be a list, not {node.KindName}");
                    return null;
            }
        }

        private string? StringItem(YNode node, string path)
        {
            var value = binder.String(node, $"'{path}'");
            if (node is YScalar { IsNull: true })
            {
                binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, node.At, $"'{path}' must have a value; remove the empty item");
            }

            return value;
        }

        private Func<YNode, string, T?> MappingItem<T>(Func<MappingReader, string, T> read)
            where T : class => (node, path) => Bind(node, path, read);

        private RedFlagFinding? RedFlagItem(YNode node, string path)
        {
            if (node is YScalar { IsNull: false } flag)
            {
                Note(Join(path, "flag"), node);
                return new RedFlagFinding { Flag = flag.Value };
            }

            return Bind(node, path, RedFlag);
        }

        /// <summary>Binds one mapping with <paramref name="read"/>, then rejects the keys it did not ask for.</summary>
        private T? Bind<T>(YNode node, string path, Func<MappingReader, string, T> read)
            where T : class
        {
            var map = binder.Mapping(node, $"'{path}'");
            if (map is null)
            {
                return null;
            }

            var value = read(map, path);
            map.Done();
            return value;
        }

        private void Note(string path, YNode? node)
        {
            if (node is not null)
            {
                locations?.Add(path, node.At);
            }
        }
    }
}
