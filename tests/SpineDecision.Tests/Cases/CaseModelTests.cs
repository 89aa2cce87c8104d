using SpineDecision.Cases;
using SpineDecision.Cases.Model;
using SpineDecision.Facts;

namespace SpineDecision.Tests.Cases;

/// <summary>The case records are the one declaration of the case format: everything else is derived from them.</summary>
public sealed class CaseModelTests
{
    [Test]
    public void FactSchema_EveryScalarFieldForRules_IsARuleLanguageField()
    {
        var ruleFields = FactSchema.Case.Fields.Keys
            .Concat(FactSchema.ListTypes.Values.SelectMany(t => t.Fields.Keys.Select(k => $"{t.Name}.{k}")))
            .ToHashSet(StringComparer.Ordinal);

        var missing = ScalarFieldsForRules(CaseModel.Root, "", null).Where(name => !ruleFields.Contains(name));

        missing.Should().BeEmpty();
    }

    [Test]
    public void FactSchema_EveryListOutsideAListItem_HasADocumentedField()
    {
        var itemTypes = CaseModel.Types.SelectMany(t => t.Fields).Where(f => f.Kind == CaseFieldKind.List).Select(f => f.Type!).ToHashSet();
        var lists = CaseModel.Types.Where(t => !itemTypes.Contains(t)).SelectMany(t => t.Fields).Count(f => f.Kind == CaseFieldKind.List);

        var documented = FactSchema.Case.Fields.Keys.Count(k => k.StartsWith("documented.", StringComparison.Ordinal));

        documented.Should().Be(lists);
    }

    [Test]
    public void Read_FieldAddedToARecord_IsReadValidatedAndSeenByTheRulesWithoutOtherCode()
    {
        // Medication.ManagementPlan was added by writing its property, and nothing else.
        const string yaml = "caseFormat: 2\nassessmentDate: 2026-11-01\nmedications: [{ class: anticoagulant, managementPlan: true }]\n";

        var patientCase = PatientCaseReader.Read(yaml, "case.yaml");

        patientCase.Medications![0].ManagementPlan.Should().BeTrue();
        FactSchema.ListTypes["medication"].Fields["managementPlan"].Type.Should().Be(DataType.Boolean);
    }

    [Test]
    public void Read_FieldTheModelDoesNotDeclare_IsRejectedNamingTheDeclaredKeys()
    {
        const string yaml = "caseFormat: 2\nassessmentDate: 2026-11-01\nmedications: [{ class: anticoagulant, managementPlna: true }]\n";

        var act = () => PatientCaseReader.Read(yaml, "case.yaml");

        act.Should().Throw<InvalidCaseException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("did you mean 'managementPlan'?");
    }

    /// <summary>The rule-language names the model promises: case paths for objects, fact.field for list items.</summary>
    private static IEnumerable<string> ScalarFieldsForRules(CaseType type, string prefix, string? fact)
    {
        foreach (var field in type.Fields)
        {
            switch (field.Kind)
            {
                case CaseFieldKind.Object:
                    foreach (var name in ScalarFieldsForRules(field.Type!, $"{prefix}{field.Key}.", fact))
                    {
                        yield return name;
                    }

                    break;
                case CaseFieldKind.List:
                    foreach (var name in ScalarFieldsForRules(field.Type!, string.Empty, field.Fact!.Name))
                    {
                        yield return name;
                    }

                    break;
                case CaseFieldKind.TextList:
                    break;
                default:
                    if (field.ForRules)
                    {
                        yield return fact is null ? prefix + field.Key : $"{fact}.{field.Key}";
                    }

                    break;
            }
        }
    }
}
