// A runnable CDS Hooks 2.0 server for SpineDecision. Configuration: appsettings.json, environment variables
// (SpineDecision__CdsHooks__Profile=medicare) or the command line; the address with --urls.
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SpineDecision.CdsHooks;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSpineDecisionCdsHooks(builder.Configuration.GetSection(CdsHooksOptions.SectionName));

// Graceful shutdown: in-flight calls get this long to finish after SIGTERM.
builder.Services.Configure<HostOptions>(options =>
    options.ShutdownTimeout = builder.Configuration.GetValue("Hosting:ShutdownTimeout", TimeSpan.FromSeconds(30)));

// OpenTelemetry: Telemetry:Exporter is none (default), console or otlp (OTEL_EXPORTER_OTLP_ENDPOINT, default localhost:4317).
var exporter = builder.Configuration.GetValue("Telemetry:Exporter", "none")!;
if (!string.Equals(exporter, "none", StringComparison.OrdinalIgnoreCase))
{
    var otlp = string.Equals(exporter, "otlp", StringComparison.OrdinalIgnoreCase);
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing =>
        {
            tracing.AddSource(CdsHooksTelemetry.Name).AddAspNetCoreInstrumentation();
            _ = otlp ? tracing.AddOtlpExporter() : tracing.AddConsoleExporter();
        })
        .WithMetrics(metrics =>
        {
            metrics.AddMeter(CdsHooksTelemetry.Name).AddAspNetCoreInstrumentation();
            _ = otlp ? metrics.AddOtlpExporter() : metrics.AddConsoleExporter();
        });
}

var app = builder.Build();
app.UseRateLimiter();
app.MapSpineDecisionCdsHooks();
app.Run();

/// <summary>The server's entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
