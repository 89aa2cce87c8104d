using SpineDecision.Diagnostics;
using SpineDecision.Engine;
using SpineDecision.Tests.Engine;

namespace SpineDecision.Tests.Language;

/// <summary>
/// The vocabulary's <c>billingCodes</c>: each code's descriptor attributes are checked against the whole vocabulary
/// (a code a concept lists, declared once, regions and approaches that are concepts) and reach the public listing.
/// </summary>
public sealed class BillingCodeLoaderTests
{
    /// <summary>An extra vocabulary file with one concept billed under CPT 99991 (cervical) and 99992 (lumbar), and the given billing codes.</summary>
    private static RuleSourceFile Extra(string billingCodes) => new("extra.yaml",
        "vocabulary:\n  - set: procedure\n    concepts:\n      - { id: test-block, display: Test block, codes: [\"CPT:99991\", \"CPT:99992\"] }\nbillingCodes:\n" + billingCodes);

    /// <summary>A valid rule set (a loaded vocabulary needs one): the invalid-file samples' base, made valid.</summary>
    private static readonly RuleSourceFile RuleSet = new("valid.yaml",
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "invalid", "unknown-field.yaml")).Replace("pain.durationWeek ", "pain.durationWeeks ", StringComparison.Ordinal));

    private static RuleDiagnostic OnlyError(string billingCodes)
    {
        var act = () => RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, Extra(billingCodes)]);

        return act.Should().Throw<RuleLoadException>().Which.Diagnostics.Should().ContainSingle(d => d.Location.File == "extra.yaml").Subject;
    }

    [Test]
    public void LoadAndCheck_DescribedCode_ReachesTheListingOnTheConceptsCode()
    {
        var (rules, _) = RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, RuleSet,
            Extra("  - { code: \"CPT:99991\", regions: [cervical, thoracic], approaches: [transforaminal], imageGuided: true }\n  - { code: \"CPT:99992\", regions: [lumbar], addOn: true }\n")]);

        var codes = rules.Vocabulary.Listing.Sets.Single(s => s.Id == "procedure").Concepts.Single(c => c.Id == "test-block").Codes;
        codes[0].Billing!.Should().BeEquivalentTo(new { Regions = new[] { "cervical", "thoracic" }, Approaches = new[] { "transforaminal" }, AddOn = false, ImageGuided = (bool?)true });
        codes[1].Billing!.Should().BeEquivalentTo(new { Regions = new[] { "lumbar" }, Approaches = Array.Empty<string>(), AddOn = true, ImageGuided = (bool?)null });
    }

    [Test]
    public void LoadAndCheck_UndescribedCode_HasNoBillingAttributes()
    {
        var (rules, _) = RuleBaseLoader.LoadAndCheck([TestRules.Vocabulary, RuleSet, Extra("  - { code: \"CPT:99991\", regions: [cervical] }\n")]);

        rules.Vocabulary.Listing.Sets.Single(s => s.Id == "procedure").Concepts.Single(c => c.Id == "test-block").Codes[1].Billing.Should().BeNull();
    }

    [TestCase("  - { code: \"CPT:99991\", regions: [lumbr] }\n", "SD0203", "billing code 'CPT:99991': 'lumbr' is not a concept of the 'region' set (did you mean 'lumbar'?)")]
    [TestCase("  - { code: \"CPT:99991\", approaches: [transforaminl] }\n", "SD0203", "billing code 'CPT:99991': 'transforaminl' is not a concept of the 'approach' set (did you mean 'transforaminal'?)")]
    [TestCase("  - { code: \"CPT:99993\" }\n", "SD0104", "billing code 'CPT:99993' is not a code of any concept")]
    [TestCase("  - { code: \"CPX:99991\" }\n", "SD0217", "billing code 'CPX:99991' names the unknown code system 'CPX' (did you mean 'CPT'?)")]
    [TestCase("  - { code: \"CPT:9999*\" }\n", "SD0104", "billing code 'CPT:9999*' must be one exact code written SYSTEM:code")]
    [TestCase("  - { code: \"99991\" }\n", "SD0104", "billing code '99991' must be one exact code written SYSTEM:code")]
    [TestCase("  - { code: \"CPT:99991\", region: [lumbar] }\n", "SD0101", "unknown key 'region' in a billing code (did you mean 'regions'?)")]
    [TestCase("  - { code: \"CPT:99991\", addOn: often }\n", "SD0104", "'addOn' must be")]
    [TestCase("  - { regions: [lumbar] }\n", "SD0102", "a billing code is missing the required key 'code'")]
    public void LoadAndCheck_BadBillingCode_ReportsOneLocatedError(string billingCodes, string code, string message)
    {
        var error = OnlyError(billingCodes);

        error.Code.Should().Be(code);
        error.Location.Line.Should().Be(6);
        error.Message.Should().StartWith(message);
    }

    [Test]
    public void LoadAndCheck_CodeDescribedTwice_ReportsTheSecond()
    {
        var error = OnlyError("  - { code: \"CPT:99991\", regions: [cervical] }\n  - { code: \"cpt:99991\", regions: [lumbar] }\n");

        (error.Code, error.Location.Line).Should().Be(("SD0202", 7));
        error.Message.Should().Be("billing code 'cpt:99991' is already described at extra.yaml(6,5)");
    }

    [Test]
    public void ShippedVocabulary_TransforaminalLumbarCode_IsDescribed()
    {
        var code = SpineDecisionEngine.CreateDefault().Vocabulary.Sets.Single(s => s.Id == "procedure").Concepts.Single(c => c.Id == "epidural-steroid-injection")
            .Codes.Single(c => c.Code == "64483");

        code.Billing.Should().BeEquivalentTo(new { Regions = new[] { "lumbar" }, Approaches = new[] { "transforaminal" }, AddOn = false, ImageGuided = (bool?)true });
    }
}
