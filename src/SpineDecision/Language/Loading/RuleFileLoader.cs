using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SpineDecision.Diagnostics;
using SpineDecision.Facts;
using SpineDecision.Language.Model;
using SpineDecision.Language.Yaml;
using SpineDecision.Threading;

namespace SpineDecision.Language.Loading;

/// <summary>
/// Reads rule files into the rule-language model: structure, types and required keys only; meaning (fields,
/// concepts, parameters, expressions) is the checker's job. Collects every problem instead of stopping.
/// </summary>
internal static class RuleFileLoader
{
    public const int MaxRulesPerFile = 2_000;

    /// <summary>The longest time window, 100 years of 365 days (<c>100 years</c>, <c>1200 months</c>, <c>36500 days</c>).</summary>
    public const int MaxWithinDays = 36_500;

    private static readonly FrozenDictionary<string, int> WithinUnits = new Dictionary<string, int>
    {
        ["day"] = 1,
        ["days"] = 1,
        ["week"] = 7,
        ["weeks"] = 7,
        ["month"] = 0,
        ["months"] = 0,
        ["year"] = 365,
        ["years"] = 365,
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> Statuses = FrozenSet.Create(StringComparer.Ordinal, "draft", "active", "retired");

    private static readonly FrozenSet<string> EvidenceTags = FrozenSet.Create(StringComparer.Ordinal, "V", "S", "U");

    private static readonly FrozenDictionary<string, DataType> ParameterTypes = new Dictionary<string, DataType>
    {
        ["number"] = DataType.Number,
        ["boolean"] = DataType.Boolean,
    }.ToFrozenDictionary();

    public static LoadedRules Load(IEnumerable<RuleSourceFile> files, DiagnosticBag diagnostics)
    {
        var ordered = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var ruleSets = ImmutableArray.CreateBuilder<RuleSetDocument>();
        var concepts = ImmutableArray.CreateBuilder<Concept>();
        var sets = ImmutableArray.CreateBuilder<string>();
        var codeSystems = ImmutableArray.CreateBuilder<CodeSystemDef>();
        var profiles = ImmutableArray.CreateBuilder<ProfileDef>();
        var billingCodes = ImmutableArray.CreateBuilder<BillingCodeDef>();
        var binder = new YamlBinder(diagnostics);

        // Parsing (YamlDotNet and the tree reader) and binding run different code, so on a cold start they are JIT-compiled
        // in parallel: the files are parsed in order on another thread, each with its own diagnostics, while this one binds
        // each parsed file in turn, reporting its parse diagnostics first, as a plain loop would.
        var parsed = new InOrder<RuleSourceFile, (YNode? Root, DiagnosticBag Diagnostics)>(ordered, Parse);
        for (var i = 0; i < ordered.Count; i++)
        {
            var file = ordered[i];
            var (root, parseDiagnostics) = parsed[i];
            diagnostics.AddRange(parseDiagnostics.Items);
            if (root is null)
            {
                continue;
            }

            var map = binder.Mapping(root, "a rule file");
            if (map is null)
            {
                continue;
            }

            if (map.Has("ruleSet"))
            {
                if (ReadRuleSet(map, file.Name) is { } document)
                {
                    ruleSets.Add(document);
                }
            }
            else if (map.Has("vocabulary"))
            {
                ReadVocabulary(map, concepts, sets, codeSystems, billingCodes);
            }
            else if (map.Has("profile"))
            {
                if (ReadProfile(map) is { } profile)
                {
                    profiles.Add(profile);
                }
            }
            else if (map.Has("scenarios"))
            {
                // Scenario files are read by the scenario runner; rule loading skips them.
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.UnknownFileKind, map.At,
                    "a rule file must start with one of the keys 'ruleSet', 'vocabulary', 'profile' or 'scenarios'");
            }
        }

        return new LoadedRules(ruleSets.ToImmutable(), concepts.ToImmutable(), sets.ToImmutable(), codeSystems.ToImmutable(), profiles.ToImmutable(), Hash(ordered))
        {
            BillingCodes = billingCodes.ToImmutable(),
        };
    }

    private static (YNode? Root, DiagnosticBag Diagnostics) Parse(RuleSourceFile file)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeReader.Read(file.Content, file.Name, diagnostics);
        if (root is not null)
        {
            SafeText.Check(root, diagnostics);
        }

        return (root, diagnostics);
    }

    /// <summary>SHA-256 over the names and contents of the rule files in ordinal order: the rule content's identity.</summary>
    private static string Hash(IEnumerable<RuleSourceFile> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file.Name)));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(file.Content.ReplaceLineEndings("\n")));
            sha.AppendData([0]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void ReadVocabulary(MappingReader file, ImmutableArray<Concept>.Builder concepts, ImmutableArray<string>.Builder sets,
        ImmutableArray<CodeSystemDef>.Builder codeSystems, ImmutableArray<BillingCodeDef>.Builder billingCodes)
    {
        var binder = file.Binder;
        ReadCodeSystems(file, codeSystems);
        ReadBillingCodes(file, billingCodes);
        foreach (var setNode in file.Sequence("vocabulary"))
        {
            var set = binder.Mapping(setNode, "a vocabulary set");
            if (set is null)
            {
                continue;
            }

            var setId = set.Id("set", required: true);
            set.String("description");
            if (setId is not null)
            {
                sets.Add(setId);
            }

            foreach (var conceptNode in set.Sequence("concepts", required: true))
            {
                var concept = binder.Mapping(conceptNode, "a concept");
                if (concept is null)
                {
                    continue;
                }

                var id = concept.Id("id", required: true);
                var display = concept.String("display", required: true);
                var claimed = Codes(concept, "codes", prefixAllowed: true);
                var shared = Codes(concept, "sharedCodes", prefixAllowed: false);
                var groups = concept.StringList("groups").Select(g => g.Value).ToImmutableArray();
                var kindOf = concept.Id("kindOf");
                var kindOfAt = kindOf is null ? null : concept.Node("kindOf")?.At;
                concept.String("description");
                concept.Done();
                if (id is not null && display is not null && setId is not null)
                {
                    concepts.Add(new Concept(id, setId, display, [.. claimed.Concat(shared).Select(c => c.Value)], groups, concept.At)
                    {
                        SharedCodes = [.. shared.Select(c => c.Value)],
                        CodeLocations = [.. claimed.Concat(shared).Select(c => c.At)],
                        KindOf = kindOf,
                        KindOfAt = kindOfAt,
                    });
                }
            }

            set.Done();
        }

        file.Done();
    }

    /// <summary>The well-formed codes under <paramref name="key"/>: <c>SYSTEM:code</c>, or <c>SYSTEM:code*</c> for a prefix
    /// claim where allowed. Whether the system is declared is checked with the whole vocabulary (it may be declared in
    /// another file).</summary>
    private static List<(string Value, SourceLocation At)> Codes(MappingReader concept, string key, bool prefixAllowed)
    {
        var result = new List<(string, SourceLocation)>();
        foreach (var (code, at) in concept.StringList(key))
        {
            var colon = code.IndexOf(':', StringComparison.Ordinal);
            var star = code.IndexOf('*', StringComparison.Ordinal);
            var problem =
                colon <= 0 || colon == code.Length - 1 ? $"code '{code}' must be written SYSTEM:code, for example CPT:64633"
                : star >= 0 && !prefixAllowed ? $"'{key}' lists exact codes; '{code}' may not end in '*'"
                : star >= 0 && (star != code.Length - 1 || star == colon + 1) ? $"code '{code}' may have one '*', at the end after at least one character of code, for example ICD10CM:M51.36*"
                : code.AsSpan().ContainsAny(" \t") ? $"code '{code}' must not contain spaces"
                : null;
            if (problem is null)
            {
                result.Add((code, at));
            }
            else
            {
                concept.Binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, at, problem);
            }
        }

        return result;
    }

    /// <summary>The optional <c>billingCodes:</c> list of a vocabulary file: each code's descriptor attributes. Whether the
    /// code, its regions and approaches exist is checked with the whole vocabulary (they may be declared in another file).</summary>
    private static void ReadBillingCodes(MappingReader file, ImmutableArray<BillingCodeDef>.Builder billingCodes)
    {
        var binder = file.Binder;
        foreach (var node in file.Sequence("billingCodes"))
        {
            var entry = binder.Mapping(node, "a billing code");
            if (entry is null)
            {
                continue;
            }

            var code = entry.String("code", required: true);
            var regions = entry.StringList("regions").Select(r => r.Value).ToImmutableArray();
            var approaches = entry.StringList("approaches").Select(a => a.Value).ToImmutableArray();
            var addOn = entry.Boolean("addOn") ?? false;
            var imageGuided = entry.Boolean("imageGuided");
            entry.Done();
            if (code is null)
            {
                continue;
            }

            var colon = code.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == code.Length - 1 || code.AsSpan().ContainsAny(" \t*"))
            {
                binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, entry.KeyAt("code"), $"billing code '{code}' must be one exact code written SYSTEM:code, for example CPT:64483");
                continue;
            }

            billingCodes.Add(new BillingCodeDef(code, regions, approaches, addOn, imageGuided, entry.At));
        }
    }

    /// <summary>The optional <c>codeSystems:</c> list of a vocabulary file. Duplicates across files are found when the
    /// vocabulary is built.</summary>
    private static void ReadCodeSystems(MappingReader file, ImmutableArray<CodeSystemDef>.Builder codeSystems)
    {
        var binder = file.Binder;
        foreach (var node in file.Sequence("codeSystems"))
        {
            var system = binder.Mapping(node, "a code system");
            if (system is null)
            {
                continue;
            }

            var prefix = system.Id("prefix", required: true);
            var uri = system.String("uri", required: true);
            var display = system.String("display", required: true);
            system.Done();
            if (prefix is not null && (prefix.Length == 0 || !char.IsAsciiLetterUpper(prefix[0]) || !prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))))
            {
                binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, system.KeyAt("prefix"), $"code system prefix '{prefix}' must be upper-case letters and digits, starting with a letter, for example ICD10CM");
                prefix = null;
            }

            if (uri is not null && !Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, system.KeyAt("uri"), $"code system URI '{uri}' must be an absolute URI, for example http://loinc.org");
                uri = null;
            }

            if (prefix is not null && uri is not null && display is not null)
            {
                codeSystems.Add(new CodeSystemDef(prefix, uri, display, system.At));
            }
        }
    }

    private static ProfileDef? ReadProfile(MappingReader file)
    {
        var binder = file.Binder;
        var header = binder.Mapping(file.Node("profile"), "the profile header");
        var overrides = ImmutableArray.CreateBuilder<ParameterOverride>();
        if (binder.Mapping(file.Node("parameters"), "'parameters'") is { } parameters)
        {
            foreach (var entry in ((YMapping)file.Node("parameters")!).Entries)
            {
                overrides.Add(new ParameterOverride(entry.Key.Value, binder.String(entry.Value, $"parameter '{entry.Key.Value}'"), entry.Key.At));
            }
        }

        file.Done();
        if (header is null)
        {
            return null;
        }

        var id = header.Id("id", required: true);
        var title = header.String("title", required: true);
        var description = header.String("description") ?? string.Empty;
        var isDefault = header.Boolean("default") ?? false;
        var sources = header.StringList("sources").Select(s => s.Value).ToImmutableArray();
        header.Done();
        return id is null || title is null ? null : new ProfileDef(id, title, description, isDefault, sources, overrides.ToImmutable(), header.At);
    }

    private static RuleSetDocument? ReadRuleSet(MappingReader file, string fileName)
    {
        var binder = file.Binder;
        var header = ReadHeader(binder.Mapping(file.Node("ruleSet", required: true), "the rule-set header"), fileName);
        var parameters = ImmutableArray.CreateBuilder<ParameterDef>();
        var conclusions = ImmutableArray.CreateBuilder<ConclusionDef>();
        var rules = ImmutableArray.CreateBuilder<RuleDef>();

        foreach (var node in file.Sequence("parameters"))
        {
            if (ReadParameter(binder.Mapping(node, "a parameter"), header?.Id ?? "?") is { } parameter)
            {
                parameters.Add(parameter);
            }
        }

        foreach (var node in file.Sequence("conclusions"))
        {
            if (ReadConclusion(binder.Mapping(node, "a conclusion"), header?.Id ?? "?") is { } conclusion)
            {
                conclusions.Add(conclusion);
            }
        }

        var ruleNodes = file.Sequence("rules");
        if (ruleNodes.Count > MaxRulesPerFile)
        {
            binder.Diagnostics.Error(DiagnosticCodes.LimitExceeded, file.KeyAt("rules"), $"a rule file may hold at most {MaxRulesPerFile} rules");
            ruleNodes = [];
        }

        foreach (var node in ruleNodes)
        {
            if (header is not null && ReadRule(binder.Mapping(node, "a rule"), header) is { } rule)
            {
                rules.Add(rule);
            }
        }

        file.Done();
        return header is null ? null : new RuleSetDocument(header, parameters.ToImmutable(), conclusions.ToImmutable(), rules.ToImmutable());
    }

    private static RuleSetHeader? ReadHeader(MappingReader? map, string fileName)
    {
        if (map is null)
        {
            return null;
        }

        var binder = map.Binder;
        var id = map.Id("id", required: true);
        var title = map.String("title", required: true);
        var version = map.String("version", required: true);
        if (version is not null && !IsSemanticVersion(version))
        {
            binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, map.KeyAt("version"), $"'version' must be a semantic version such as 1.2.0, not '{version}'");
        }

        var status = map.OneOf("status", Statuses, required: true);
        var description = map.String("description", required: true);
        var developer = map.String("developer", required: true);
        var funding = map.String("funding", required: true);
        var released = map.Date("released", required: true);
        var revised = map.Date("revised", required: true);
        var reviewers = map.StringList("reviewers").Select(r => r.Value).ToImmutableArray();
        var sources = ImmutableArray.CreateBuilder<SourceDef>();
        foreach (var node in map.Sequence("sources"))
        {
            var source = binder.Mapping(node, "a source");
            if (source is null)
            {
                continue;
            }

            var sourceId = source.Id("id", required: true);
            var citation = source.String("citation", required: true);
            var evidence = source.OneOf("evidence", EvidenceTags, required: true);
            var url = source.String("url");
            source.Done();
            if (sourceId is not null && citation is not null && evidence is not null)
            {
                sources.Add(new SourceDef(sourceId, citation, evidence, url, source.At));
            }
        }

        map.Done();
        if (id is null || title is null || version is null || status is null || description is null || developer is null ||
            funding is null || released is null || revised is null)
        {
            return null;
        }

        return new RuleSetHeader(id, title, version, status, description, developer, funding,
            released.Value, revised.Value, reviewers, sources.ToImmutable(), fileName, map.At);
    }

    private static bool IsSemanticVersion(string text)
    {
        var core = text.Split(['-', '+'], 2)[0].Split('.');
        return core.Length == 3 && core.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    private static ParameterDef? ReadParameter(MappingReader? map, string ruleSetId)
    {
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var typeName = map.String("type") ?? "number";
        if (!ParameterTypes.TryGetValue(typeName, out var type))
        {
            map.Binder.Diagnostics.Error(DiagnosticCodes.InvalidChoice, map.KeyAt("type"), $"'type' must be number or boolean, not '{typeName}'");
            type = DataType.Number;
        }

        object? value = type.Kind == ValueKind.Boolean ? map.Boolean("default", required: true) : map.Number("default", required: true);
        var unit = map.String("unit");
        var description = map.String("description", required: true);
        var sources = map.StringList("sources").Select(s => s.Value).ToImmutableArray();
        map.Done();
        return id is null || value is null || description is null
            ? null
            : new ParameterDef(id, type, value, unit, description, sources, ruleSetId, map.At);
    }

    private static ConclusionDef? ReadConclusion(MappingReader? map, string ruleSetId)
    {
        if (map is null)
        {
            return null;
        }

        var binder = map.Binder;
        var id = map.Id("id", required: true);
        var description = map.String("description", required: true);
        var attributes = ImmutableArray.CreateBuilder<AttributeDef>();
        if (binder.Mapping(map.Node("attributes"), "'attributes'") is not null)
        {
            foreach (var entry in ((YMapping)map.Node("attributes")!).Entries)
            {
                var typeText = binder.String(entry.Value, $"the type of attribute '{entry.Key.Value}'");
                if (typeText is not null && ParseType(typeText) is { } type)
                {
                    attributes.Add(new AttributeDef(entry.Key.Value, type, entry.Key.At));
                }
                else if (typeText is not null)
                {
                    binder.Diagnostics.Error(DiagnosticCodes.InvalidChoice, entry.Value.At,
                        $"attribute type must be number, boolean, date, text or concept(<set>), not '{typeText}'");
                }
            }
        }

        map.Done();
        return id is null || description is null ? null : new ConclusionDef(id, description, attributes.ToImmutable(), ruleSetId, map.At);
    }

    private static DataType? ParseType(string text) => text switch
    {
        "number" => DataType.Number,
        "boolean" => DataType.Boolean,
        "date" => DataType.Date,
        "text" => DataType.Text,
        "levels" => DataType.Levels,
        _ when text.StartsWith("concept(", StringComparison.Ordinal) && text.EndsWith(')') => DataType.Concept(text[8..^1].Trim()),
        _ => null,
    };

    private static RuleDef? ReadRule(MappingReader? map, RuleSetHeader ruleSet)
    {
        if (map is null)
        {
            return null;
        }

        var binder = map.Binder;
        var id = map.Id("id", required: true);
        var title = map.String("title", required: true);
        var description = map.String("description") ?? string.Empty;
        var cites = map.StringList("cites", required: true).ToImmutableArray();
        var priority = map.Integer("priority") ?? 0;
        var when = map.Sequence("when", required: true).Select(n => ReadCondition(binder, n)).OfType<ConditionDef>().ToImmutableArray();
        var then = map.Sequence("then", required: true).Select(n => ReadAction(binder, n)).OfType<ActionDef>().ToImmutableArray();
        map.Done();
        return id is null || title is null ? null : new RuleDef(id, title, description, cites, priority, when, then, ruleSet, map.At);
    }

    private static ExprText? Expr(YamlBinder binder, YNode? node, string what)
    {
        var text = binder.String(node, what);
        return text is null ? null : new ExprText(text, node!.At, ((YScalar)node).Quoted);
    }

    private static TemplateText? Template(YamlBinder binder, YNode? node, string what)
    {
        var text = binder.String(node, what);
        return text is null ? null : new TemplateText(text, node!.At, ((YScalar)node).Quoted);
    }

    private static readonly string[] ConditionKeys = ["check", "match", "exists", "none", "count", "any"];

    private static ConditionDef? ReadCondition(YamlBinder binder, YNode node)
    {
        var map = binder.Mapping(node, "a condition");
        if (map is null)
        {
            return null;
        }

        var kinds = ConditionKeys.Where(map.Has).ToList();
        if (kinds.Count != 1)
        {
            foreach (var key in ConditionKeys)
            {
                map.Node(key);
            }

            map.Done();
            binder.Diagnostics.Error(kinds.Count == 0 ? DiagnosticCodes.MissingKey : DiagnosticCodes.InvalidValue, map.At,
                $"a condition needs exactly one of the keys {string.Join(", ", ConditionKeys)}");
            return null;
        }

        ConditionDef? result;
        switch (kinds[0])
        {
            case "check":
                result = Expr(binder, map.Node("check"), "'check'") is { } check ? new ConditionDef(ConditionKind.Check, map.At, Expression: check) : null;
                break;
            case "any":
                result = new ConditionDef(ConditionKind.Any, map.At,
                    Any: map.Sequence("any").Select(n => ReadCondition(binder, n)).OfType<ConditionDef>().ToImmutableArray());
                break;
            default:
                {
                    var kind = kinds[0] switch
                    {
                        "match" => ConditionKind.Match,
                        "exists" => ConditionKind.Exists,
                        "none" => ConditionKind.None,
                        _ => ConditionKind.Count,
                    };
                    var factType = map.String(kinds[0]);
                    var where = Expr(binder, map.Node("where"), "'where'");
                    string? alias = null;
                    if (kind is ConditionKind.Match or ConditionKind.Count)
                    {
                        alias = map.String("as");
                    }

                    int? withinDays = null;
                    ExprText? atLeast = null, atMost = null;
                    if (kind == ConditionKind.Count)
                    {
                        withinDays = ReadWithin(binder, map.Node("within"));
                        atLeast = Expr(binder, map.Node("atLeast"), "'atLeast'");
                        atMost = Expr(binder, map.Node("atMost"), "'atMost'");
                        if (atLeast is null && atMost is null)
                        {
                            binder.Diagnostics.Error(DiagnosticCodes.MissingKey, map.At, "a count needs 'atLeast', 'atMost' or both");
                        }
                    }
                    else if (kind is ConditionKind.Exists or ConditionKind.None or ConditionKind.Match)
                    {
                        withinDays = ReadWithin(binder, map.Node("within"));
                    }

                    result = factType is null ? null : new ConditionDef(kind, map.At, FactType: factType, FactTypeAt: map.Node(kinds[0])!.At,
                        Alias: alias, Where: where, WithinDays: withinDays, AtLeast: atLeast, AtMost: atMost);
                    break;
                }
        }

        map.Done();
        return result;
    }

    /// <summary>Reads <c>12 months</c>: a month is 365/12 days, so 12 months is the 365 days ending on the
    /// assessment date (CLINICAL.md §10). At least one day and at most <see cref="MaxWithinDays"/>; computed in
    /// checked 64-bit arithmetic, so a huge count is an error rather than a window that wrapped around.</summary>
    private static int? ReadWithin(YamlBinder binder, YNode? node)
    {
        var text = binder.String(node, "'within'");
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && parts[0].Length > 0 && parts[0].All(char.IsAsciiDigit) && WithinUnits.TryGetValue(parts[1], out var factor))
        {
            // More than 18 digits is past any window; long.Parse below would overflow.
            var n = parts[0].TrimStart('0').Length > 18 ? long.MaxValue : long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
            var days = n > MaxWithinDays ? long.MaxValue : factor == 0 ? (long)Math.Round(n * 365.0 / 12.0, MidpointRounding.AwayFromZero) : checked(n * factor);
            if (days is >= 1 and <= MaxWithinDays)
            {
                return (int)days;
            }

            binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, node!.At, string.Create(CultureInfo.InvariantCulture,
                $"'within' must be from 1 day to 100 years ({MaxWithinDays} days), not '{text}'"));
            return null;
        }

        binder.Diagnostics.Error(DiagnosticCodes.InvalidValue, node!.At,
            $"'within' must be a whole number and a unit (days, weeks, months or years), for example '12 months', not '{text}'");
        return null;
    }

    private static readonly string[] ActionKeys = ["derive", "recommend", "withhold", "caution", "alert", "ask"];

    private static ActionDef? ReadAction(YamlBinder binder, YNode node)
    {
        var outer = binder.Mapping(node, "an action");
        if (outer is null)
        {
            return null;
        }

        var kinds = ActionKeys.Where(outer.Has).ToList();
        foreach (var key in ActionKeys)
        {
            outer.Node(key);
        }

        outer.Done();
        if (kinds.Count != 1)
        {
            binder.Diagnostics.Error(kinds.Count == 0 ? DiagnosticCodes.MissingKey : DiagnosticCodes.InvalidValue, outer.At,
                $"an action needs exactly one of the keys {string.Join(", ", ActionKeys)}");
            return null;
        }

        var map = binder.Mapping(outer.Node(kinds[0]), $"'{kinds[0]}'");
        if (map is null)
        {
            return null;
        }

        ActionDef? action = kinds[0] switch
        {
            "derive" => ReadDerive(binder, map),
            "recommend" => new ActionDef(ActionKind.Recommend, map.At,
                Procedure: map.String("procedure", required: true),
                TargetAt: map.KeyAt("procedure"),
                Intent: map.String("intent", required: true),
                Strength: map.String("strength", required: true),
                Approach: map.String("approach"),
                TargetRegion: Expr(binder, map.Node("region"), "'region'"),
                TargetSide: Expr(binder, map.Node("side"), "'side'"),
                TargetLevels: Expr(binder, map.Node("levels"), "'levels'"),
                Text: Template(binder, map.Node("rationale", required: true), "'rationale'"),
                NextSteps: map.Sequence("nextSteps").Select(n => Template(binder, n, "a next step")).OfType<TemplateText>().ToImmutableArray()),
            "withhold" => new ActionDef(ActionKind.Withhold, map.At,
                Procedure: map.String("procedure"),
                Group: map.String("group"),
                TargetAt: map.At,
                Reason: map.String("reason", required: true),
                Text: Template(binder, map.Node("text", required: true), "'text'"),
                Until: Template(binder, map.Node("until"), "'until'")),
            "caution" => new ActionDef(ActionKind.Caution, map.At,
                Procedure: map.String("procedure"),
                Group: map.String("group"),
                TargetAt: map.At,
                Reason: map.String("reason", required: true),
                Severity: map.String("severity", required: true),
                Text: Template(binder, map.Node("text", required: true), "'text'")),
            "alert" => new ActionDef(ActionKind.Alert, map.At,
                Category: map.String("category", required: true),
                Severity: map.String("severity", required: true),
                Text: Template(binder, map.Node("text", required: true), "'text'"),
                NextSteps: map.StringList("actions").Select(a => new TemplateText(a.Value, a.At, false)).ToImmutableArray()),
            _ => new ActionDef(ActionKind.Ask, map.At,
                Datum: map.String("datum", required: true),
                TargetAt: map.KeyAt("datum"),
                Text: Template(binder, map.Node("why", required: true), "'why'"),
                Unlocks: map.StringList("unlocks").ToImmutableArray()),
        };

        if (action is { Kind: ActionKind.Withhold or ActionKind.Caution } && (action.Procedure is null) == (action.Group is null))
        {
            binder.Diagnostics.Error(DiagnosticCodes.InvalidAction, map.At, $"'{kinds[0]}' needs exactly one of 'procedure' or 'group'");
        }

        map.Done();
        return action;
    }

    private static ActionDef ReadDerive(YamlBinder binder, MappingReader map)
    {
        var conclusion = map.String("conclusion", required: true);
        var with = ImmutableArray.CreateBuilder<(string, ExprText)>();
        if (binder.Mapping(map.Node("with"), "'with'") is not null)
        {
            foreach (var entry in ((YMapping)map.Node("with")!).Entries)
            {
                if (Expr(binder, entry.Value, $"attribute '{entry.Key.Value}'") is { } value)
                {
                    with.Add((entry.Key.Value, value));
                }
            }
        }

        return new ActionDef(ActionKind.Derive, map.At, Conclusion: conclusion, TargetAt: map.KeyAt("conclusion"), With: with.ToImmutable());
    }
}
