using Microsoft.Extensions.Options;

namespace SpineDecision.DependencyInjection;

/// <summary>
/// Validates options by building the engine they describe, so an unknown profile, a missing rule folder and every
/// located rule error are reported when the options are first read: at host start with <c>ValidateOnStart</c>.
/// </summary>
internal sealed class SpineDecisionOptionsValidator(SpineDecisionEngineFactory factory) : IValidateOptions<SpineDecisionOptions>
{
    public ValidateOptionsResult Validate(string? name, SpineDecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = SpineDecisionRegistration.Describe(name ?? Options.DefaultName);
        if (options.MaxRuleFirings < 1)
        {
            return ValidateOptionsResult.Fail($"{engine}: MaxRuleFirings must be at least 1, was {options.MaxRuleFirings}");
        }

        try
        {
            factory.Build(options);
            return ValidateOptionsResult.Success;
        }
        catch (SpineDecisionException e)
        {
            return ValidateOptionsResult.Fail($"{engine} could not be built: {e.Message}");
        }
    }
}
