using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpineDecision.CdsHooks.Feedback;
using SpineDecision.CdsHooks.Tests.Support;

namespace SpineDecision.CdsHooks.Tests.Feedback;

/// <summary><c>POST /cds-services/{id}/feedback</c> on a real Kestrel, stored in a real SQLite file.</summary>
public sealed class FeedbackTests
{
    private const string Service = "spine-procedure-order";
    private const string FeedbackPath = "/cds-services/" + Service + "/feedback";

    private TrustedHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TrustedHost.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private async Task<string> IssueCardAsync(TrustedHost? host = null)
    {
        var card = Guid.NewGuid().ToString();
        var log = (host ?? _host).Host.Services.GetRequiredService<ICardIssueLog>();
        await log.RecordIssuedAsync(Service, Guid.NewGuid().ToString(), [card], DateTimeOffset.UtcNow, CancellationToken.None);
        return card;
    }

    private static string Accepted(string card) =>
        $$"""{"feedback":[{"card":"{{card}}","outcome":"accepted","acceptedSuggestions":[{"id":"s-1"}],"outcomeTimestamp":"2021-12-11T10:05:31Z"}]}""";

    private static long Count(string databasePath, string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)command.ExecuteScalar()!;
    }

    private static async Task<string> PathOfProblem(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("path").GetString()!;
    }

    [Test]
    public async Task Post_AcceptedFeedbackForAnIssuedCard_IsStoredWithItsSuggestion()
    {
        // Arrange
        var card = await IssueCardAsync();

        // Act
        using var response = await _host.PostAsync(FeedbackPath, Accepted(card));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_feedback f JOIN cds_feedback_suggestion s ON s.feedback_id = f.id WHERE f.card_uuid = @card AND f.outcome = 'accepted' AND s.suggestion_uuid = 's-1' AND f.outcome_timestamp = '2021-12-11T10:05:31.0000000Z'", ("@card", card)).Should().Be(1);
    }

    [Test]
    public async Task Post_OverriddenWithReasonAndComment_StoresBoth()
    {
        // Arrange
        var card = await IssueCardAsync();
        var json = $$"""{"feedback":[{"card":"{{card}}","outcome":"overridden","overrideReason":{"reason":{"code":"d7ecf885","system":"https://example.com/reasons"},"userComment":"Patient declined."},"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""";

        // Act
        using var response = await _host.PostAsync(FeedbackPath, json);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_feedback WHERE card_uuid = @card AND override_code = 'd7ecf885' AND override_system = 'https://example.com/reasons' AND user_comment = 'Patient declined.'", ("@card", card)).Should().Be(1);
    }

    [Test]
    public async Task Post_SameCardTwice_StoresBothInteractions()
    {
        // Arrange: the spec allows feedback for one card several times.
        var card = await IssueCardAsync();
        using var first = await _host.PostAsync(FeedbackPath, Accepted(card));

        // Act
        using var second = await _host.PostAsync(FeedbackPath, Accepted(card));

        // Assert
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_feedback WHERE card_uuid = @card", ("@card", card)).Should().Be(2);
    }

    [Test]
    public async Task Post_UnknownCardAfterAKnownOne_Is400AtItsPathAndStoresNothing()
    {
        // Arrange
        var known = await IssueCardAsync();
        var json = $$"""{"feedback":[{"card":"{{known}}","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"},{"card":"never-issued","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""";

        // Act
        using var response = await _host.PostAsync(FeedbackPath, json);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PathOfProblem(response)).Should().Be("$.feedback[1].card");
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_feedback WHERE card_uuid = @card", ("@card", known)).Should().Be(0);
    }

    [Test]
    public async Task Post_CardIssuedForAnotherService_Is400()
    {
        // Arrange
        var card = await IssueCardAsync();

        // Act
        using var response = await _host.PostAsync("/cds-services/spine-pathway/feedback", Accepted(card));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PathOfProblem(response)).Should().Be("$.feedback[0].card");
    }

    [TestCase("{", "$")]
    [TestCase("[]", "$")]
    [TestCase("{}", "$.feedback")]
    [TestCase("""{"feedback":{}}""", "$.feedback")]
    [TestCase("""{"feedback":[]}""", "$.feedback")]
    [TestCase("""{"feedback":[{"outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].card")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"ignored","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].outcome")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"overridden"}]}""", "$.feedback[0].outcomeTimestamp")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00"}]}""", "$.feedback[0].outcomeTimestamp")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"yesterday"}]}""", "$.feedback[0].outcomeTimestamp")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"accepted","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].acceptedSuggestions")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"accepted","acceptedSuggestions":[{}],"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].acceptedSuggestions[0].id")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"overridden","acceptedSuggestions":[{"id":"s"}],"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].acceptedSuggestions")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"overridden","overrideReason":{},"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].overrideReason")]
    [TestCase("""{"feedback":[{"card":"c","outcome":"overridden","overrideReason":{"reason":{"system":"s"}},"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].overrideReason.reason.code")]
    [TestCase("""{"feedback":[{"card":7,"outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "$.feedback[0].card")]
    public async Task Post_MalformedFeedback_Is400WithTheJsonPath(string json, string path)
    {
        // Act
        using var response = await _host.PostAsync(FeedbackPath, json);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PathOfProblem(response)).Should().Be(path);
    }

    [TestCase("spec-2.0/index.md_L786-803_feedback-accepted.json")]
    [TestCase("spec-2.0/index.md_L845-864_feedback-overridden-with-reason.json")]
    public async Task Post_SpecExampleForAnIssuedCard_IsStored(string fixture)
    {
        // Arrange: the spec's example, its card recorded as issued by this service.
        var json = Fixtures.Read(fixture);
        using var document = JsonDocument.Parse(json);
        var card = document.RootElement.GetProperty("feedback")[0].GetProperty("card").GetString()!;
        await _host.Host.Services.GetRequiredService<ICardIssueLog>().RecordIssuedAsync(Service, "spec-example", [card], DateTimeOffset.UtcNow, CancellationToken.None);

        // Act
        using var response = await _host.PostAsync(FeedbackPath, json);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Post_WithoutToken_IsUnauthorized()
    {
        // Arrange
        var card = await IssueCardAsync();

        // Act
        using var response = await _host.Host.SendAsync(HttpMethod.Post, FeedbackPath, null, new StringContent(Accepted(card)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Post_BodyOverTheFeedbackLimit_Is413()
    {
        // Arrange: the default limit is 256 KiB.
        var json = "{\"feedback\":[],\"pad\":\"" + new string('x', 300 * 1024) + "\"}";

        // Act
        using var response = await _host.PostAsync(FeedbackPath, json);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Post_CommentWithPatientData_NeverReachesTheLogs()
    {
        // Arrange
        var card = await IssueCardAsync();
        const string Marker = "PHI-MARKER-Jane-Doe-1970-01-01";
        var json = $$"""{"feedback":[{"card":"{{card}}","outcome":"overridden","overrideReason":{"userComment":"{{Marker}}"},"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""";

        // Act
        using var response = await _host.PostAsync(FeedbackPath, json);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _host.Host.Logs.Entries.Should().NotContain(e => e.Message.Contains(Marker, StringComparison.Ordinal));
    }

    [Test]
    public async Task Post_CardIssuedByAnotherInstanceSharingTheDatabase_IsAccepted()
    {
        // Arrange: two instances on one database file; the card is issued by the first, feedback goes to the second.
        await using var other = await TrustedHost.StartAsync(_host.DatabasePath, client: _host.Client);
        var card = await IssueCardAsync(other);

        // Act
        using var response = await _host.PostAsync(FeedbackPath, Accepted(card));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Start_ExistingDatabase_KeepsItsRows()
    {
        // Arrange
        var card = await IssueCardAsync();
        using var stored = await _host.PostAsync(FeedbackPath, Accepted(card));

        // Act: a new instance starts on the same file and runs the schema step again.
        await using var restarted = await TrustedHost.StartAsync(_host.DatabasePath, client: _host.Client);

        // Assert
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_feedback WHERE card_uuid = @card", ("@card", card)).Should().Be(1);
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_schema_version", []).Should().Be(1);
    }

    [Test]
    public async Task RecordIssued_SameCardTwice_IsRecordedOnce()
    {
        // Arrange
        var log = _host.Host.Services.GetRequiredService<ICardIssueLog>();
        var card = Guid.NewGuid().ToString();

        // Act
        await log.RecordIssuedAsync(Service, "hook-1", [card], DateTimeOffset.UtcNow, CancellationToken.None);
        await log.RecordIssuedAsync(Service, "hook-1", [card], DateTimeOffset.UtcNow, CancellationToken.None);

        // Assert
        Count(_host.DatabasePath, "SELECT COUNT(*) FROM cds_issued_card WHERE card_uuid = @card", ("@card", card)).Should().Be(1);
    }

    [Test]
    public async Task Start_UnregisteredProvider_FailsNamingTheSetting()
    {
        // Act
        var start = () => TrustedHost.StartAsync(configure: options =>
        {
            options.Feedback.Provider = "No.Such.Provider";
            options.Feedback.ConnectionString = "Host=db";
        });

        // Assert
        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain("SpineDecision:CdsHooks:Feedback:Provider");
    }

    [Test]
    public async Task Post_Accepted_LogsNoPatientDataAtInformation()
    {
        // Arrange
        var card = await IssueCardAsync();

        // Act
        using var response = await _host.PostAsync(FeedbackPath, Accepted(card));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _host.Host.Logs.Entries.Where(e => e.Level >= LogLevel.Information).Should().NotContain(e => e.Message.Contains(card, StringComparison.Ordinal));
    }
}
