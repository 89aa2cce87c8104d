using PublicApiGenerator;

namespace SpineDecision.Fhir.Tests.PublicApi;

/// <summary>The FHIR package's public surface is deliberate: any change shows up as a diff against the approved file.</summary>
public sealed class PublicApiTests
{
    [Test]
    public void PublicApi_HasNotChanged()
    {
        var folder = Path.Combine(FhirTestSupport.RepositoryRoot(), "tests", "SpineDecision.Fhir.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, "PublicApi.approved.txt");
        var receivedPath = Path.Combine(folder, "PublicApi.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        var received = typeof(FhirCaseMapper).Assembly.GeneratePublicApi(new ApiGeneratorOptions { DenyNamespacePrefixes = [] }).ReplaceLineEndings("\n");

        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The public API changed. Compare {receivedPath} with {approvedPath}; if intended, move the received file over the approved one and commit it.");
    }
}
