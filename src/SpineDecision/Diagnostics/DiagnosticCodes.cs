namespace SpineDecision.Diagnostics;

/// <summary>The stable diagnostic codes. Never renumber: rule authors and CI filter on them.</summary>
internal static class DiagnosticCodes
{
    // SD00xx: reading YAML safely (DESIGN §8)
    public const string YamlSyntax = "SD0001";
    public const string AliasNotAllowed = "SD0002";
    public const string TagNotAllowed = "SD0003";
    public const string TooDeep = "SD0004";
    public const string DuplicateKey = "SD0005";
    public const string LimitExceeded = "SD0006";
    public const string MultipleDocuments = "SD0007";
    public const string FileUnreadable = "SD0008";
    public const string EmptyFile = "SD0009";
    public const string HiddenCharacter = "SD0010";

    // SD01xx: file structure
    public const string UnknownKey = "SD0101";
    public const string MissingKey = "SD0102";
    public const string WrongNodeKind = "SD0103";
    public const string InvalidValue = "SD0104";
    public const string InvalidChoice = "SD0105";
    public const string UnknownFileKind = "SD0106";

    // SD02xx: meaning
    public const string DuplicateRuleId = "SD0201";
    public const string DuplicateDefinition = "SD0202";
    public const string UnknownConcept = "SD0203";
    public const string UnknownParameter = "SD0204";
    public const string UnknownField = "SD0205";
    public const string TypeMismatch = "SD0206";
    public const string ExpressionSyntax = "SD0207";
    public const string UnknownFactType = "SD0208";
    public const string UnknownFunction = "SD0209";
    public const string UnknownSource = "SD0210";
    public const string UnknownProfile = "SD0211";
    public const string UnknownBinding = "SD0212";
    public const string TemplateError = "SD0213";
    public const string InvalidAction = "SD0214";
    public const string UnknownValueSet = "SD0215";
    public const string NoRules = "SD0216";
    public const string UnknownCodeSystem = "SD0217";
    public const string KindCycle = "SD0218";

    // SD03xx: cases and scenarios
    public const string CaseInvalid = "SD0301";
    public const string ScenarioUnknownReference = "SD0302";
    public const string NoScenarios = "SD0303";

    // SD1xxx: lint. Warnings: the rules load and run, but something looks wrong (spine-rules validate).
    public const string DuplicateRule = "SD1001";
    public const string ShadowedRule = "SD1002";
    public const string ConclusionNeverMatched = "SD1003";
    public const string ConclusionNeverDerived = "SD1004";
    public const string ConclusionUnused = "SD1005";
    public const string UnusedParameter = "SD1006";
    public const string RuleImpossibleUnderProfile = "SD1007";
    public const string ReviewPending = "SD1008";
    public const string RevisedBeforeReleased = "SD1009";
    public const string ProfileUnknownSource = "SD1010";
    public const string UnusedSource = "SD1011";
    public const string ConclusionCycle = "SD1012";
}
