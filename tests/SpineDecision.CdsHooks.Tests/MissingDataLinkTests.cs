using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Tests;

/// <summary>
/// The link of information-needed cards: by default the case format's documentation under the repository URL that
/// Directory.Build.props declares; configurable; and absent (never empty) when configured empty.
/// </summary>
public sealed class MissingDataLinkTests
{
    [Test]
    public void DefaultMissingDataLink_Default_IsTheCaseFormatDocumentationInTheDeclaredRepository()
    {
        // Arrange
        var props = XDocument.Load(Path.Combine(TestData.RepositoryRoot(), "Directory.Build.props"));
        var repository = props.Descendants("RepositoryUrl").Single().Value;

        // Act
        var link = new CdsHooksOptions().MissingDataLink;

        // Assert
        link.Should().Be(new Uri(repository + "/blob/main/rules/schema/case-format.md"));
        File.Exists(Path.Combine(TestData.RepositoryRoot(), "rules", "schema", "case-format.md")).Should().BeTrue();
    }

    [Test]
    public async Task Call_DataMissingWithDefaults_InfoCardLinksTheCaseFormatDocumentation()
    {
        // Arrange
        await using var server = new CdsHooksTestServer();

        // Act
        var card = await MissingDataCardAsync(server);

        // Assert
        ((string)card["links"]!.AsArray().Single()!["url"]!).Should().Be(CdsHooksOptions.DefaultMissingDataLink.AbsoluteUri);
    }

    [Test]
    public async Task Call_DataMissingWithOwnLink_InfoCardLinksIt()
    {
        // Arrange
        await using var server = new CdsHooksTestServer(services => services.Configure<CdsHooksOptions>(o => o.MissingDataLink = new Uri("https://ehr.example.org/spine/data-help")));

        // Act
        var card = await MissingDataCardAsync(server);

        // Assert
        ((string)card["links"]!.AsArray().Single()!["url"]!).Should().Be("https://ehr.example.org/spine/data-help");
    }

    [Test]
    public async Task Call_DataMissingWithoutLink_InfoCardHasNoLinksMember()
    {
        // Arrange
        await using var server = new CdsHooksTestServer(services => services.Configure<CdsHooksOptions>(o => o.MissingDataLink = null));

        // Act
        var card = await MissingDataCardAsync(server);

        // Assert
        card.AsObject().ContainsKey("links").Should().BeFalse();
    }

    [TestCase("", null)]
    [TestCase("https://ehr.example.org/help", "https://ehr.example.org/help")]
    public void Bind_MissingDataLinkSetting_EmptyMeansNoLink(string setting, string? expected)
    {
        // Arrange
        using var provider = Services(setting);

        // Act
        var link = provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value.MissingDataLink;

        // Assert
        link?.AbsoluteUri.Should().Be(expected);
        (link is null).Should().Be(expected is null);
    }

    [Test]
    public void Bind_RelativeMissingDataLink_RefusedNamingTheSetting()
    {
        // Arrange
        using var provider = Services("docs/case-format");

        // Act
        var read = () => provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value;

        // Assert
        read.Should().Throw<OptionsValidationException>().WithMessage("*SpineDecision:CdsHooks:MissingDataLink: expected an absolute URL*");
    }

    private static ServiceProvider Services(string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MissingDataLink"] = setting }).Build();
        return new ServiceCollection().AddLogging().AddSpineDecisionCdsHooks(configuration).BuildServiceProvider();
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> MissingDataCardAsync(CdsHooksTestServer server)
    {
        var request = Requests.Tfesi();
        request.Prefetch()["disabilityObservations"] = null;
        var response = await server.CallAsync(Requests.OrderSign, request.Text());
        var card = response["cards"]!.AsArray().Single()!;
        ((string)card["indicator"]!).Should().Be("info");
        return card;
    }
}
