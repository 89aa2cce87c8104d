// A runnable CDS Hooks 2.0 server for SpineDecision. Configuration: appsettings.json, environment variables
// (SpineDecision__CdsHooks__Profile=medicare) or the command line; the address with --urls.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSpineDecisionCdsHooks(builder.Configuration.GetSection(SpineDecision.CdsHooks.CdsHooksOptions.SectionName));

var app = builder.Build();
app.UseRateLimiter();
app.MapSpineDecisionCdsHooks();
app.Run();

/// <summary>The server's entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
