using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Language;

/// <summary>
/// Malformed rule files (TestData/invalid, one mistake each) give a located error with a stable code and a
/// did-you-mean where one helps; every error is reported at once; garbage never escapes as anything but
/// <see cref="RuleLoadException"/>.
/// </summary>
[TestFixture]
public sealed class RuleFileLoaderTests
{
    private static readonly string InvalidFolder = Path.Combine(AppContext.BaseDirectory, "TestData", "invalid");

    [TestCase("unknown-key.yaml", "SD0101", 25, 5, "unknown key 'priorty' in a rule (did you mean 'priority'?)")]
    [TestCase("missing-key.yaml", "SD0102", 23, 5, "a rule is missing the required key 'title'")]
    [TestCase("invalid-within.yaml", "SD0104", 29, 17, "'within' must be a whole number and a unit (days, weeks, months or years), for example '12 months', not 'twelve months'")]
    [TestCase("invalid-choice.yaml", "SD0105", 6, 11, "'status' must be one of active, draft, retired, not 'actve' (did you mean 'active'?)")]
    [TestCase("yaml-syntax.yaml", "SD0001", 24, 16, "YAML syntax error")]
    [TestCase("yaml-unclosed-flow.yaml", "SD0001", 25, 12, "YAML syntax error: malformed YAML after this point; check for an unclosed '[', '{' or quote")]
    [TestCase("anchor-alias.yaml", "SD0002", 12, 12, "anchors ('&sources') are not allowed; write the value out")]
    [TestCase("tag.yaml", "SD0003", 27, 16, "tags ('!expr') are not allowed")]
    [TestCase("excessive-depth.yaml", "SD0004", 26, 32, "nesting deeper than 24 levels is not allowed")]
    [TestCase("duplicate-key.yaml", "SD0005", 26, 5, "duplicate key 'cites'")]
    [TestCase("duplicate-attribute.yaml", "SD0005", 27, 7, "duplicate key 'blocks'")]
    [TestCase("multiple-documents.yaml", "SD0007", 34, 1, "only one YAML document per file is allowed; remove the '---' separator")]
    [TestCase("duplicate-rule-id.yaml", "SD0201", 35, 5, "rule id 'T-001' is already used at duplicate-rule-id.yaml(23,5); rule ids are never reused")]
    [TestCase("unknown-concept.yaml", "SD0203", 27, 32, "unknown region concept 'lumbr' (did you mean 'lumbar'?) in 'pain.region == lumbr'")]
    [TestCase("unknown-parameter.yaml", "SD0204", 27, 39, "unknown parameter 'minWeek' (did you mean 'minWeeks'?) in 'pain.durationWeeks >= param.minWeek'")]
    [TestCase("unknown-field.yaml", "SD0205", 27, 17, "unknown field 'pain.durationWeek' (did you mean 'pain.durationWeeks'?) in 'pain.durationWeek >= param.minWeeks'")]
    [TestCase("type-mismatch.yaml", "SD0206", 27, 29, "cannot compare a concept(region) with a number in 'pain.region >= 3'")]
    [TestCase("expression-syntax.yaml", "SD0207", 27, 36, "use '==' to compare in 'pain.durationWeeks = param.minWeeks'")]
    [TestCase("unknown-fact-type.yaml", "SD0208", 28, 17, "unknown fact type or conclusion 'procedur' (did you mean 'procedure'?)")]
    [TestCase("unknown-function.yaml", "SD0209", 28, 17, "unknown function 'dayssince' (did you mean 'daysSince'?)")]
    [TestCase("parameter-without-source.yaml", "SD0102", 17, 5, "parameter 'minWeeks' must cite at least one source under 'sources': a threshold without a source is never allowed")]
    [TestCase("unknown-source.yaml", "SD0210", 25, 18, "rule 'T-001' cites 'SCR', which rule set 'invalid-sample' does not declare under 'sources' (did you mean 'SRC'?)")]
    public void LoadAndCheck_MalformedFile_ReportsOneLocatedError(string file, string code, int line, int column, string message)
    {
        var source = Invalid(file);

        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, source]);

        var error = act.Should().Throw<RuleLoadException>().Which.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error).Should().ContainSingle().Subject;
        error.Code.Should().Be(code);
        error.Location.Should().Be(new SourceLocation(file, line, column));
        error.Message.Should().StartWith(message);
    }

    [Test]
    public void InvalidFolder_EveryFile_HasATestCase()
    {
        var tested = typeof(RuleFileLoaderTests).GetMethod(nameof(LoadAndCheck_MalformedFile_ReportsOneLocatedError))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!)
            .Append("three-errors.yaml");

        var files = Directory.GetFiles(InvalidFolder, "*.yaml").Select(Path.GetFileName);

        files.Should().BeEquivalentTo(tested);
    }

    [Test]
    public void LoadAndCheck_FileWithThreeErrors_ReportsAllThreeInFileOrder()
    {
        var source = Invalid("three-errors.yaml");

        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, source]);

        var errors = act.Should().Throw<RuleLoadException>().Which.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.Select(e => (e.Code, e.Location.Line, e.Location.Column)).Should().Equal(("SD0205", 27, 17), ("SD0203", 39, 32), ("SD0204", 51, 39));
    }

    [Test]
    public void LoadAndCheck_FileWithThreeErrors_PutsEveryErrorInTheMessageInCompilerFormat()
    {
        var source = Invalid("three-errors.yaml");

        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, source]);

        act.Should().Throw<RuleLoadException>().Which.Message.Should()
            .Contain("(3 errors)")
            .And.Contain("three-errors.yaml(27,17): error SD0205: unknown field 'pain.durationWeek'")
            .And.Contain("three-errors.yaml(39,32): error SD0203: unknown region concept 'lumbr'")
            .And.Contain("three-errors.yaml(51,39): error SD0204: unknown parameter 'maxWeeks' (did you mean 'minWeeks'?)");
    }

    [Test]
    public void LoadAndCheck_ErrorsInSeveralFiles_ReportsThemAllAtOnce()
    {
        RuleSourceFile[] files = [TestRules.Vocabulary, Invalid("tag.yaml"), Invalid("type-mismatch.yaml"), Invalid("excessive-depth.yaml")];

        var act = () => RuleBaseLoader.LoadAndCheck(files);

        act.Should().Throw<RuleLoadException>().Which.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => (d.Location.File, d.Code)).Should().Equal(("excessive-depth.yaml", "SD0004"), ("tag.yaml", "SD0003"), ("type-mismatch.yaml", "SD0206"));
    }

    [Test]
    public void Create_MalformedRuleFile_ThrowsRuleLoadExceptionThroughThePublicApi()
    {
        var options = TestRules.Options(Invalid("unknown-field.yaml"));

        var act = () => SpineDecisionEngine.Create(options);

        act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().Contain(d => d.Code == "SD0205");
    }

    [Test]
    public void LoadAndCheck_NoRuleSets_ReportsThatNothingWasLoaded()
    {
        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary]);

        act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().ContainSingle(d => d.Code == "SD0216");
    }

    [TestCase("codes: [\"ICD10CM:M51.3*6\"]", "SD0104", 4, 38, "code 'ICD10CM:M51.3*6' may have one '*', at the end")]
    [TestCase("codes: [\"ICD10CM:*\"]", "SD0104", 4, 38, "code 'ICD10CM:*' may have one '*', at the end")]
    [TestCase("codes: [\"ICD10CM:\"]", "SD0104", 4, 38, "code 'ICD10CM:' must be written SYSTEM:code")]
    [TestCase("sharedCodes: [\"ICD10CM:M51*\"]", "SD0104", 4, 44, "'sharedCodes' lists exact codes; 'ICD10CM:M51*' may not end in '*'")]
    [TestCase("codes: [\"ICD10:M51.36\"]", "SD0217", 4, 38, "code 'ICD10:M51.36' of concept 'x' names the unknown code system 'ICD10' (did you mean 'ICD10CM'?)")]
    public void LoadAndCheck_BadCodeInAnExtraVocabularyFile_ReportsItWhereTheCodeIsWritten(string codes, string code, int line, int column, string message)
    {
        var extra = new RuleSourceFile("extra.yaml", "vocabulary:\n  - set: diagnosis\n    concepts:\n      - { id: x, display: X, " + codes + " }\n");

        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, extra]);

        var errors = act.Should().Throw<RuleLoadException>().Which.Diagnostics.Where(d => d.Location.File == "extra.yaml").ToList();
        errors.Should().ContainSingle();
        (errors[0].Code, errors[0].Location).Should().Be((code, new SourceLocation("extra.yaml", line, column)));
        errors[0].Message.Should().StartWith(message);
    }

    [Test]
    public void LoadAndCheck_TwoConceptsClaimingOnePrefix_ReportsTheSecondClaimWhereItIsWritten()
    {
        var extra = new RuleSourceFile("extra.yaml",
            "vocabulary:\n  - set: diagnosis\n    concepts:\n      - { id: x, display: X, codes: [\"ICD10CM:Q99.1*\"] }\n      - { id: y, display: Y, codes: [\"ICD10CM:Q99.1*\"] }\n");

        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, extra]);

        var error = act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().ContainSingle(d => d.Location.File == "extra.yaml").Subject;
        (error.Code, error.Location).Should().Be(("SD0202", new SourceLocation("extra.yaml", 5, 38)));
        error.Message.Should().StartWith("code 'ICD10CM:Q99.1*' is claimed by both 'x' (at extra.yaml(4,38)) and 'y' in set 'diagnosis'");
    }

    [Test]
    public void LoadAndCheck_CodeSystemWithARelativeUri_ReportsItAtTheUri()
    {
        var extra = new RuleSourceFile("extra.yaml", "codeSystems:\n  - { prefix: X, uri: not-a-uri, display: X }\nvocabulary: []\n");

        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, extra]);

        act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().ContainSingle(d => d.Location.File == "extra.yaml")
            .Which.Should().Match<RuleDiagnostic>(d => d.Code == "SD0104" && d.Location == new SourceLocation("extra.yaml", 2, 18));
    }

    [Test]
    public void LoadAndCheck_ValidBaseOfTheInvalidFiles_Loads()
    {
        var source = new RuleSourceFile("valid.yaml", File.ReadAllText(Path.Combine(InvalidFolder, "unknown-field.yaml")).Replace("pain.durationWeek ", "pain.durationWeeks ", StringComparison.Ordinal));

        var (rules, _) = RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, source]);

        rules.Rules.Select(r => r.Id).Should().Equal("T-001");
    }

    [Test]
    public void Create_400RandomMutationsOfAShippedRuleFile_OnlyEverThrowsRuleLoadException()
    {
        var original = RuleBaseLoader.DefaultRuleFiles.Single(f => f.Name == "facet/facet.yaml").Content;
        var random = new Random(20261124);
        var unexpected = new List<string>();
        var loaded = 0;

        for (var i = 0; i < 400; i++)
        {
            var (mutated, description) = Mutate(original, random);
            try
            {
                SpineDecisionEngine.Create(TestRules.Options(new RuleSourceFile($"mutant-{i}.yaml", mutated)));
                loaded++;
            }
            catch (RuleLoadException)
            {
            }
            catch (Exception e)
            {
                unexpected.Add($"mutant {i} ({description}): {e.GetType().Name}: {e.Message}");
            }
        }

        unexpected.Should().BeEmpty();
        loaded.Should().BeInRange(1, 399, "the mutations should produce both loadable and broken files");
    }

    private static RuleSourceFile Invalid(string file) => new(file, File.ReadAllText(Path.Combine(InvalidFolder, file)));

    private const string Palette = ":-[]{}&*!|>'\"#%@`,?\n\t {}0aZ.=<";

    /// <summary>One to three random edits: YAML-significant characters, deleted or duplicated lines, shifted indentation.</summary>
    private static (string Text, string Description) Mutate(string text, Random random)
    {
        var edits = new List<string>();
        var count = random.Next(1, 4);
        for (var n = 0; n < count; n++)
        {
            var lines = text.Split('\n').ToList();
            var at = random.Next(text.Length);
            var line = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0:
                    var length = Math.Min(random.Next(1, 6), text.Length - at);
                    text = text.Remove(at, length);
                    edits.Add($"delete {length}@{at}");
                    break;
                case 1:
                    var c = Palette[random.Next(Palette.Length)];
                    text = text.Insert(at, c.ToString());
                    edits.Add($"insert {(int)c}@{at}");
                    break;
                case 2:
                    var r = Palette[random.Next(Palette.Length)];
                    text = string.Concat(text.AsSpan(0, at), r.ToString(), text.AsSpan(at + 1));
                    edits.Add($"replace {(int)r}@{at}");
                    break;
                case 3:
                    lines.Insert(line, lines[line]);
                    text = string.Join('\n', lines);
                    edits.Add($"duplicate line {line + 1}");
                    break;
                case 4:
                    lines.RemoveAt(line);
                    text = string.Join('\n', lines);
                    edits.Add($"delete line {line + 1}");
                    break;
                case 5:
                    var other = random.Next(lines.Count);
                    (lines[line], lines[other]) = (lines[other], lines[line]);
                    text = string.Join('\n', lines);
                    edits.Add($"swap lines {line + 1},{other + 1}");
                    break;
                case 6:
                    lines[line] = random.Next(2) == 0 ? "  " + lines[line] : lines[line].TrimStart(' ');
                    text = string.Join('\n', lines);
                    edits.Add($"indent line {line + 1}");
                    break;
                default:
                    text = text[..at];
                    edits.Add($"truncate@{at}");
                    break;
            }
        }

        return (text, string.Join("; ", edits));
    }
}
