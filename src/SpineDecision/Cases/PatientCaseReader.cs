using System.Globalization;
using SpineDecision.Cases.Model;
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
/// means "not documented". An item with a key (a diagnosis, red flag, allergy…) may be written as its key alone:
/// <c>redFlags: [saddle-anaesthesia]</c>. The keys, types and ranges are those of <see cref="PatientCase"/>'s
/// records; <c>rules/schema/case.schema.json</c> is generated from them. A case without <c>caseFormat: 2</c> is a
/// format-1 case and is upgraded as it is read (see the README's case-format section).
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
        // The tree reader reports every syntax problem, foreign YamlDotNet exceptions and an empty file included.
        var root = YamlTreeReader.Read(text, fileName, diagnostics);
        var patientCase = root is null ? null : TryRead(root, new YamlBinder(diagnostics), locations);

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

    /// <summary>Binds the case format key by key from <see cref="CaseModel"/>, recording locations as it goes.</summary>
    private sealed class CaseBinder(YamlBinder binder, CaseLocations? locations)
    {
        public PatientCase? Case(YNode node)
        {
            Note(string.Empty, node);
            if (node is YMapping map && CaseFormatUpgrade.Apply(map) is { } upgraded)
            {
                node = upgraded;
            }

            return Record(CaseModel.Root, node, string.Empty, "the case") as PatientCase;
        }

        /// <summary>Binds one mapping to a new record, then rejects the keys the model does not declare.</summary>
        private object? Record(CaseType type, YNode node, string path, string what)
        {
            var map = binder.Mapping(node, what);
            if (map is null)
            {
                return null;
            }

            var record = type.Create();
            foreach (var field in type.Fields)
            {
                var fieldPath = Join(path, field.Key);
                var valueNode = map.Node(field.Key, field.Required);
                Note(fieldPath, valueNode);
                if (Value(field, valueNode, fieldPath) is { } value)
                {
                    field.Property.SetValue(record, value);
                }
                else if (field.Required && valueNode is YScalar { IsNull: true })
                {
                    binder.Diagnostics.Error(DiagnosticCodes.MissingKey, valueNode.At, $"'{field.Key}' must have a value");
                }
            }

            if (type.Key is { } key && key.Getters.Text!(record) is null && type.Text?.Getters.Text!(record) is null)
            {
                // An item says what it is: its concept or code or, when none covers it, its text.
                var keyNode = map.Node(key.Key);
                var alternative = type.Text is null ? string.Empty : " (or 'text' for an item no concept covers)";
                if (keyNode is YScalar { IsNull: true })
                {
                    binder.Diagnostics.Error(DiagnosticCodes.MissingKey, keyNode.At, $"'{key.Key}' must have a value{alternative}");
                }
                else if (keyNode is null)
                {
                    binder.Diagnostics.Error(DiagnosticCodes.MissingKey, map.At, $"{what} is missing the required key '{key.Key}'{alternative}");
                }
            }

            map.Done();
            return record;
        }

        private object? Value(CaseField field, YNode? node, string path)
        {
            var what = $"'{field.Key}'";
            return field.Kind switch
            {
                CaseFieldKind.Number => binder.Number(node, what),
                CaseFieldKind.Integer => binder.Integer(node, what),
                CaseFieldKind.Boolean => binder.Boolean(node, what),
                CaseFieldKind.Date => binder.Date(node, what),
                CaseFieldKind.Concept or CaseFieldKind.Text => binder.String(node, what),
                CaseFieldKind.TextList => Items(node, path, field.Key, typeof(string), (item, itemPath) => Scalar(item, itemPath)),
                CaseFieldKind.Object => node is null or YScalar { IsNull: true } ? null : Record(field.Type!, node, path, what),
                CaseFieldKind.List => Items(node, path, field.Key, field.Type!.ClrType, (item, itemPath) => Item(field.Type!, item, itemPath)),
                _ => null,
            };
        }

        /// <summary>A list: absent or null is "not documented" (null); <c>[]</c> is "reviewed, none".</summary>
        private System.Collections.IList? Items(YNode? node, string path, string key, Type itemType, Func<YNode, string, object?> readItem)
        {
            switch (node)
            {
                case null or YScalar { IsNull: true }:
                    return null;
                case YSequence sequence:
                    var items = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType), sequence.Items.Count)!;
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

        /// <summary>A list item: a mapping, or its key written alone (<c>redFlags: [saddle-anaesthesia]</c>).</summary>
        private object? Item(CaseType type, YNode node, string path)
        {
            if (node is YScalar { IsNull: false } scalar && type.Key is { } key)
            {
                Note(Join(path, key.Key), node);
                var record = type.Create();
                key.Property.SetValue(record, scalar.Value);
                return record;
            }

            if (node is YScalar { IsNull: true })
            {
                binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, node.At, $"'{path}' must have a value; remove the empty item");
                return null;
            }

            return Record(type, node, path, $"'{path}'");
        }

        private string? Scalar(YNode node, string path)
        {
            var value = binder.String(node, $"'{path}'");
            if (node is YScalar { IsNull: true })
            {
                binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, node.At, $"'{path}' must have a value; remove the empty item");
            }

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
