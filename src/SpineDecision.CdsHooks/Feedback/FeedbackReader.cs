using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace SpineDecision.CdsHooks.Feedback;

/// <summary>
/// Reads a CDS Hooks 2.0 feedback request. Every error names the JSON path of the offending value and what was
/// expected; values are never echoed (a comment may hold PHI). Unknown members, such as <c>extension</c>, are
/// tolerated.
/// </summary>
internal static class FeedbackReader
{
    private const int MaxIdLength = 200;
    private const int MaxTextLength = 4000;

    /// <summary>The entries of <paramref name="body"/>, or the first error found.</summary>
    public static (IReadOnlyList<CardFeedback>? Entries, FeedbackError? Error) Read(ReadOnlyMemory<byte> body, int maxEntries)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            return (null, new FeedbackError("$", $"not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})."));
        }

        using (document)
        {
            try
            {
                return (ReadRoot(document.RootElement, maxEntries), null);
            }
            catch (FeedbackFormatException exception)
            {
                return (null, exception.Error);
            }
        }
    }

    private static List<CardFeedback> ReadRoot(JsonElement root, int maxEntries)
    {
        Expect(root, JsonValueKind.Object, "$", "an object with a 'feedback' array");
        if (!root.TryGetProperty("feedback", out var feedback))
        {
            throw Error("$.feedback", "required: an array of feedback entries.");
        }

        Expect(feedback, JsonValueKind.Array, "$.feedback", "an array of feedback entries");
        var count = feedback.GetArrayLength();
        if (count == 0 || count > maxEntries)
        {
            throw Error("$.feedback", $"expected 1 to {maxEntries} entries, got {count}.");
        }

        var entries = new List<CardFeedback>(count);
        var index = 0;
        foreach (var item in feedback.EnumerateArray())
        {
            entries.Add(ReadEntry(item, $"$.feedback[{index++}]"));
        }

        return entries;
    }

    private static CardFeedback ReadEntry(JsonElement entry, string path)
    {
        Expect(entry, JsonValueKind.Object, path, "a feedback object");
        var card = RequiredString(entry, "card", path, MaxIdLength);
        var outcome = RequiredString(entry, "outcome", path, MaxIdLength);
        if (outcome is not ("accepted" or "overridden"))
        {
            throw Error(path + ".outcome", "expected \"accepted\" or \"overridden\".");
        }

        var timestamp = Timestamp(entry, path);
        var hasSuggestions = entry.TryGetProperty("acceptedSuggestions", out var suggestions);
        var hasReason = entry.TryGetProperty("overrideReason", out var reason);
        if (outcome == "accepted")
        {
            if (!hasSuggestions)
            {
                throw Error(path + ".acceptedSuggestions", "required for an accepted outcome: an array of {\"id\": suggestion uuid}.");
            }

            if (hasReason)
            {
                throw Error(path + ".overrideReason", "only allowed with outcome \"overridden\".");
            }

            return new CardFeedback(card, outcome, Suggestions(suggestions, path + ".acceptedSuggestions"), null, timestamp);
        }

        if (hasSuggestions)
        {
            throw Error(path + ".acceptedSuggestions", "only allowed with outcome \"accepted\".");
        }

        return new CardFeedback(card, outcome, [], hasReason ? Reason(reason, path + ".overrideReason") : null, timestamp);
    }

    private static ImmutableArray<string> Suggestions(JsonElement suggestions, string path)
    {
        Expect(suggestions, JsonValueKind.Array, path, "an array of {\"id\": suggestion uuid}");
        if (suggestions.GetArrayLength() == 0)
        {
            throw Error(path, "expected at least one accepted suggestion.");
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var suggestion in suggestions.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            Expect(suggestion, JsonValueKind.Object, at, "an object {\"id\": suggestion uuid}");
            ids.Add(RequiredString(suggestion, "id", at, MaxIdLength));
        }

        return ids.ToImmutable();
    }

    private static OverrideReason Reason(JsonElement reason, string path)
    {
        Expect(reason, JsonValueKind.Object, path, "an object with 'reason' (a Coding) and/or 'userComment'");
        var comment = OptionalString(reason, "userComment", path, MaxTextLength);
        if (!reason.TryGetProperty("reason", out var coding))
        {
            return comment is null
                ? throw Error(path, "expected 'reason' (a Coding), 'userComment', or both.")
                : new OverrideReason(null, null, null, comment);
        }

        var at = path + ".reason";
        Expect(coding, JsonValueKind.Object, at, "a Coding {\"code\", \"system\", \"display\"}");
        return new OverrideReason(
            RequiredString(coding, "code", at, MaxIdLength),
            RequiredString(coding, "system", at, MaxTextLength),
            OptionalString(coding, "display", at, MaxTextLength),
            comment);
    }

    private static DateTimeOffset Timestamp(JsonElement entry, string path)
    {
        var text = RequiredString(entry, "outcomeTimestamp", path, 64);
        // RFC 3339 section 5.6: a full date, 'T', a time and an offset ('Z' or ±hh:mm).
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || text.Length < 20 || text[10] is not ('T' or 't')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            throw Error(path + ".outcomeTimestamp", "expected an RFC 3339 date-time with offset, e.g. 2021-12-11T10:05:31Z.");
        }

        return timestamp.ToUniversalTime();
    }

    private static string RequiredString(JsonElement parent, string name, string path, int maxLength) =>
        OptionalString(parent, name, path, maxLength) ?? throw Error($"{path}.{name}", "required: a non-empty string.");

    private static string? OptionalString(JsonElement parent, string name, string path, int maxLength)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        var at = $"{path}.{name}";
        Expect(value, JsonValueKind.String, at, "a string");
        var text = value.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            throw Error(at, $"expected a string of 1 to {maxLength} characters, got {text.Length}.");
        }

        return text;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind != kind)
        {
            throw Error(path, $"expected {expected}, got {value.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    private static FeedbackFormatException Error(string path, string message) => new(new FeedbackError(path, message));

    private sealed class FeedbackFormatException(FeedbackError error) : Exception(error.Message)
    {
        public FeedbackError Error { get; } = error;
    }
}
