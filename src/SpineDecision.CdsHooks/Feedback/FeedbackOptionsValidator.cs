using System.Data.Common;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Feedback;

/// <summary>Refuses, at start-up, feedback settings that cannot work; each error names its setting.</summary>
internal sealed class FeedbackOptionsValidator : IValidateOptions<CdsHooksOptions>
{
    private const string Section = CdsHooksOptions.SectionName + ":Feedback";

    public ValidateOptionsResult Validate(string? name, CdsHooksOptions options)
    {
        var feedback = options.Feedback;
        var errors = new List<string>();
        if (!string.Equals(feedback.Provider, CdsFeedbackOptions.SqliteProvider, StringComparison.Ordinal))
        {
            if (!DbProviderFactories.TryGetFactory(feedback.Provider, out _))
            {
                errors.Add($"{Section}:Provider: '{feedback.Provider}' is not registered; call DbProviderFactories.RegisterFactory(\"{feedback.Provider}\", …) at start-up, or use '{CdsFeedbackOptions.SqliteProvider}'.");
            }

            if (string.IsNullOrWhiteSpace(feedback.ConnectionString))
            {
                errors.Add($"{Section}:ConnectionString: required with provider '{feedback.Provider}'.");
            }
        }
        else if (string.IsNullOrWhiteSpace(feedback.ConnectionString) && string.IsNullOrWhiteSpace(feedback.DatabasePath))
        {
            errors.Add($"{Section}:DatabasePath: required (a file path) when no ConnectionString is set.");
        }

        if (feedback.MaxRequestBodySize <= 0)
        {
            errors.Add($"{Section}:MaxRequestBodySize: expected a positive number of bytes, got {feedback.MaxRequestBodySize}.");
        }

        if (feedback.MaxEntries <= 0)
        {
            errors.Add($"{Section}:MaxEntries: expected a positive number, got {feedback.MaxEntries}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
