using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SpineDecision.CdsHooks.Tests;

public sealed class ServerStartupTests
{
    [Test]
    public async Task Get_UnknownPath_IsNotFound()
    {
        // Arrange
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri("/no-such-path", UriKind.Relative));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
