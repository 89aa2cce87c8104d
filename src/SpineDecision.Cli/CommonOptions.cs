using System.CommandLine;

namespace SpineDecision.Cli;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public const string PathsDescription = "Rule files, scenario files (*.scenarios.yaml) and folders of them (*.yaml and *.yml, searched recursively, schema/ skipped). They are checked with the rules shipped in SpineDecision unless --no-defaults is given; a file with the path or text of a shipped file replaces it.";

    /// <summary>One or more paths. A token that looks like an option and is not a file is an unknown option, not a path.</summary>
    public static Argument<string[]> Paths()
    {
        var paths = new Argument<string[]>("paths") { Description = PathsDescription, Arity = ArgumentArity.OneOrMore };
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value).Where(LooksLikeUnknownOption))
            {
                result.AddError($"Unrecognized option '{token}'.");
            }
        });
        return paths;
    }

    /// <summary>A one-path argument: a token that looks like an option and is not a file is an unknown option, not the path.</summary>
    public static Argument<string> Path(string name, string description)
    {
        var path = new Argument<string>(name) { Description = description };
        path.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && LooksLikeUnknownOption(result.Tokens[0].Value))
            {
                result.AddError($"Unrecognized option '{result.Tokens[0].Value}'.");
            }
        });
        return path;
    }

    public static bool LooksLikeUnknownOption(string token) =>
        token.Length > 1 && token[0] == '-' && !File.Exists(token) && !Directory.Exists(token);

    public static Option<string[]> Rules(string description) => new("--rules")
    {
        Description = description,
        HelpName = "path",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string?> Profile(string description) => new("--profile")
    {
        Description = description + " Profiles are declared in rules/profiles (medicare is the default).",
        HelpName = "id",
    };

    public static Option<bool> NoDefaults() => new("--no-defaults")
    {
        Description = "Use only the given rule files, not the vocabulary, profiles and rule sets shipped in SpineDecision.",
    };

    public static Option<bool> All(string what) => new("--all")
    {
        Description = $"Also report {what} for the shipped rule files, not only for the given ones.",
    };
}
