using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpineDecision.Reports;

/// <summary>
/// The report's JSON contract, generated at compile time as straight-line writing code (the source generator's fast
/// path), so <see cref="RecommendationReport.ToJson"/> uses no reflection and builds no metadata, even on its first call.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RecommendationReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    // Indenting and escaping belong to the writer, not the serializer options: options that differ from the generated
    // ones (an Encoder, say) would lose the fast path, and with serialization-only generation that is an error.
    // Relaxed escaping keeps clinical text's characters (≥, ², é) as they are.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report's stable JSON text.</summary>
    public static string Serialize(RecommendationReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(32 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, report, Default.RecommendationReport);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
