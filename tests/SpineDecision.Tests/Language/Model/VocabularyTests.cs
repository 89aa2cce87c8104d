using System.Collections.Immutable;
using SpineDecision.Diagnostics;
using SpineDecision.Language.Model;
using SpineDecision.Terminology;

namespace SpineDecision.Tests.Language.Model;

/// <summary>
/// Code resolution: exact claims, prefix claims by longest match (both sides of every boundary), the open world for
/// codes of known systems, the closed world for concept ids, and located errors for ambiguous or undeclared codes.
/// </summary>
[TestFixture]
public sealed class VocabularyTests
{
    private static readonly SourceLocation At = new("vocabulary.yaml", 1, 1);

    private static readonly ImmutableArray<CodeSystemDef> Systems =
    [
        new("ICD10CM", "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM", At),
        new("CPT", "http://www.ama-assn.org/go/cpt", "CPT", At),
    ];

    private static readonly Vocabulary Vocabulary = new(
    [
        Concept("diagnosis", "disc-degeneration", "ICD10CM:M51.3*"),
        Concept("diagnosis", "discogenic-pain", "ICD10CM:M51.36*"),
        Concept("diagnosis", "disc-degeneration-without-pain", "ICD10CM:M51.369"),
        Concept("diagnosis", "lumbar-radiculopathy", "ICD10CM:M54.16"),
        Concept("procedure", "transforaminal-esi", "CPT:62323") with { Codes = ["CPT:62323", "CPT:64483"], SharedCodes = ["CPT:64483"] },
        Concept("procedure", "nerve-root-block") with { Codes = ["CPT:64483"], SharedCodes = ["CPT:64483"] },
    ], codeSystems: Systems);

    [Test]
    public void Lookup_ConceptId_ResolvesToTheConcept()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "discogenic-pain");

        lookup.Should().Be(new ConceptLookup(ConceptLookupKind.Concept, Vocabulary.Find("diagnosis", "discogenic-pain"), null));
    }

    [Test]
    public void Lookup_UnknownConceptId_IsAnErrorWithDidYouMean()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "discogenic-pian");

        lookup.Should().Be(new ConceptLookup(ConceptLookupKind.UnknownConcept, null,
            "'discogenic-pian' is not a concept of the 'diagnosis' set (did you mean 'discogenic-pain'?)"));
    }

    [Test]
    public void Lookup_ExactClaim_ResolvesToItsConcept()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "ICD10CM:M54.16");

        (lookup.Kind, lookup.Concept?.Id).Should().Be((ConceptLookupKind.ClaimedCode, "lumbar-radiculopathy"));
    }

    [TestCase("ICD10CM:M54.1")]
    [TestCase("ICD10CM:M54.161")]
    public void Lookup_CodeOneCharacterFromAnExactClaim_IsUnclaimed(string code)
    {
        var lookup = Vocabulary.Lookup("diagnosis", code);

        lookup.Should().Be(new ConceptLookup(ConceptLookupKind.UnclaimedCode, null, null));
    }

    [TestCase("ICD10CM:M51.360")]
    [TestCase("ICD10CM:M51.361")]
    [TestCase("ICD10CM:M51.36")]
    public void Lookup_CodeUnderAPrefixClaim_ResolvesToThePrefixConcept(string code)
    {
        var lookup = Vocabulary.Lookup("diagnosis", code);

        (lookup.Kind, lookup.Concept?.Id).Should().Be((ConceptLookupKind.ClaimedCode, "discogenic-pain"));
    }

    [TestCase("ICD10CM:M51.35")]
    [TestCase("ICD10CM:M51.370")]
    [TestCase("ICD10CM:M51.3")]
    public void Lookup_CodeOutsideTheLongerPrefix_FallsBackToTheShorterPrefix(string code)
    {
        var lookup = Vocabulary.Lookup("diagnosis", code);

        (lookup.Kind, lookup.Concept?.Id).Should().Be((ConceptLookupKind.ClaimedCode, "disc-degeneration"));
    }

    [TestCase("ICD10CM:M51.2")]
    [TestCase("ICD10CM:M51.")]
    public void Lookup_CodeShorterThanEveryPrefix_IsUnclaimed(string code)
    {
        var lookup = Vocabulary.Lookup("diagnosis", code);

        lookup.Kind.Should().Be(ConceptLookupKind.UnclaimedCode);
    }

    [Test]
    public void Lookup_ExactClaimInsideAPrefixClaim_BeatsThePrefix()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "ICD10CM:M51.369");

        lookup.Concept!.Id.Should().Be("disc-degeneration-without-pain");
    }

    [Test]
    public void Lookup_CodeInAnotherLetterCase_Resolves()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "icd10cm:m51.360");

        lookup.Concept!.Id.Should().Be("discogenic-pain");
    }

    [Test]
    public void Lookup_IcdCodeWithoutItsDot_IsUnclaimed()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "ICD10CM:M51360");

        lookup.Kind.Should().Be(ConceptLookupKind.UnclaimedCode);
    }

    [Test]
    public void Lookup_UnclaimedCodeOfAKnownSystem_IsValidAndResolvesToNothing()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "ICD10CM:I10");

        (lookup.Kind, lookup.Concept, lookup.IsValid).Should().Be((ConceptLookupKind.UnclaimedCode, (Concept?)null, true));
    }

    [Test]
    public void Lookup_CodeClaimedOnlyInAnotherSet_IsUnclaimedInThisSet()
    {
        var lookup = Vocabulary.Lookup("procedure", "ICD10CM:M54.16");

        lookup.Kind.Should().Be(ConceptLookupKind.UnclaimedCode);
    }

    [Test]
    public void Lookup_SharedCode_IsUnclaimed()
    {
        var lookup = Vocabulary.Lookup("procedure", "CPT:64483");

        lookup.Kind.Should().Be(ConceptLookupKind.UnclaimedCode);
    }

    [Test]
    public void Lookup_UnknownCodeSystem_IsAnErrorNamingTheKnownSystems()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "SNOMED:76107001");

        lookup.Should().Be(new ConceptLookup(ConceptLookupKind.UnknownSystem, null,
            "'SNOMED:76107001' is written in the unknown code system 'SNOMED'; the code systems are: CPT, ICD10CM"));
    }

    [Test]
    public void Lookup_SystemWithoutCode_IsAnError()
    {
        var lookup = Vocabulary.Lookup("diagnosis", "ICD10CM:");

        (lookup.Kind, lookup.IsValid).Should().Be((ConceptLookupKind.InvalidCode, false));
    }

    [Test]
    public void Constructor_TwoConceptsOfASetClaimOneCode_ReportsItWhereTheSecondClaimIsWritten()
    {
        var diagnostics = new DiagnosticBag();
        var second = new SourceLocation("vocabulary.yaml", 9, 24);

        _ = new Vocabulary(
            [Concept("diagnosis", "a", "ICD10CM:M51.36*"), Concept("diagnosis", "b", "ICD10CM:M51.36*") with { CodeLocations = [second] }],
            codeSystems: Systems, diagnostics: diagnostics);

        var error = diagnostics.Items.Should().ContainSingle().Subject;
        (error.Code, error.Location).Should().Be((DiagnosticCodes.DuplicateDefinition, second));
        error.Message.Should().StartWith("code 'ICD10CM:M51.36*' is claimed by both 'a' (at vocabulary.yaml(1,1)) and 'b' in set 'diagnosis'");
    }

    [Test]
    public void Constructor_SameCodeClaimedExactlyAndByPrefix_IsNotAmbiguous()
    {
        var diagnostics = new DiagnosticBag();

        _ = new Vocabulary([Concept("diagnosis", "a", "ICD10CM:M51.36"), Concept("diagnosis", "b", "ICD10CM:M51.36*")],
            codeSystems: Systems, diagnostics: diagnostics);

        diagnostics.Items.Should().BeEmpty();
    }

    [Test]
    public void Constructor_SameCodeClaimedInTwoSets_IsNotAmbiguous()
    {
        var diagnostics = new DiagnosticBag();

        _ = new Vocabulary([Concept("diagnosis", "a", "ICD10CM:M46.1"), Concept("comorbidity", "a", "ICD10CM:M46.1")],
            codeSystems: Systems, diagnostics: diagnostics);

        diagnostics.Items.Should().BeEmpty();
    }

    [Test]
    public void Constructor_CodeOfAnUndeclaredSystem_ReportsItNamingTheDeclaredSystems()
    {
        var diagnostics = new DiagnosticBag();

        _ = new Vocabulary([Concept("diagnosis", "a", "ICD10:M51.36")], codeSystems: Systems, diagnostics: diagnostics);

        var error = diagnostics.Items.Should().ContainSingle().Subject;
        (error.Code, error.Message).Should().Be((DiagnosticCodes.UnknownCodeSystem,
            "code 'ICD10:M51.36' of concept 'a' names the unknown code system 'ICD10' (did you mean 'ICD10CM'?); declare it under 'codeSystems' (declared: CPT, ICD10CM)"));
    }

    [Test]
    public void Constructor_CodeSystemPrefixDeclaredTwice_ReportsTheSecond()
    {
        var diagnostics = new DiagnosticBag();
        var second = new SourceLocation("other.yaml", 3, 5);

        _ = new Vocabulary([], codeSystems: [.. Systems, new CodeSystemDef("CPT", "http://example.org/cpt", "CPT again", second)], diagnostics: diagnostics);

        diagnostics.Items.Should().ContainSingle().Which.Location.Should().Be(second);
    }

    [Test]
    public void Constructor_AmbiguityWithoutADiagnosticBag_Throws()
    {
        var act = () => new Vocabulary([Concept("diagnosis", "a", "ICD10CM:I10"), Concept("diagnosis", "b", "ICD10CM:I10")], codeSystems: Systems);

        act.Should().Throw<ArgumentException>().WithMessage("*claimed by both 'a'*");
    }

    [Test]
    public void Listing_Concept_CarriesParsedCodesWithPrefixAndIdentifyingFlags()
    {
        var listing = Vocabulary.Listing;

        listing.Sets.Single(s => s.Id == "procedure").Concepts[0].Codes.Should().Equal(
            new ConceptCode("CPT", "62323", IsPrefix: false, Identifies: true),
            new ConceptCode("CPT", "64483", IsPrefix: false, Identifies: false));
    }

    [Test]
    public void Listing_PrefixClaim_IsListedWithoutItsStar()
    {
        var listing = Vocabulary.Listing;

        listing.Sets[0].Concepts[1].Codes.Should().Equal(new ConceptCode("ICD10CM", "M51.36", IsPrefix: true, Identifies: true));
    }

    [Test]
    public void Listing_CodeSystems_AreOrderedByPrefixWithTheirUris()
    {
        var listing = Vocabulary.Listing;

        listing.CodeSystems.Should().Equal(
            new CodeSystem("CPT", "http://www.ama-assn.org/go/cpt", "CPT"),
            new CodeSystem("ICD10CM", "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM"));
    }

    private static Concept Concept(string set, string id, params string[] codes) =>
        new(id, set, id, [.. codes], [], At);
}
