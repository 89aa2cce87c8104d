using Microsoft.Extensions.DependencyInjection;

namespace SpineDecision.Fhir.Tests.DependencyInjection;

public sealed class SpineDecisionFhirServiceCollectionExtensionsTests
{
    [Test]
    public void AddSpineDecisionFhir_WithTheEngineRegistered_ResolvesOneMapperWithTheConfiguredOptions()
    {
        using var services = new ServiceCollection()
            .AddSingleton(FhirTestSupport.Engine)
            .AddSpineDecisionFhir(o => o.CompleteResourceTypes.Add("AllergyIntolerance"))
            .BuildServiceProvider();

        var mapper = services.GetRequiredService<FhirCaseMapper>();
        var result = mapper.Map(FhirTestSupport.Bundle(FhirTestSupport.Patient()), FhirTestSupport.Assessed);

        services.GetRequiredService<FhirCaseMapper>().Should().BeSameAs(mapper);
        result.Case.Allergies.Should().NotBeNull().And.BeEmpty();
    }
}
