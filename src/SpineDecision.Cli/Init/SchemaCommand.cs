using System.CommandLine;
using SpineDecision.Cli.Output;

namespace SpineDecision.Cli.Init;

/// <summary><c>spine-rules schema [folder]</c>: writes the JSON schemas of rule, vocabulary, profile, scenario, case
/// and report files, as shipped in this version of SpineDecision. Overwrites older copies: they are generated.</summary>
internal static class SchemaCommand
{
    /// <summary>Where the schemas go by default, and where <c>init</c> puts them: a <c>schema</c> folder is skipped when
    /// rule folders are searched.</summary>
    public const string DefaultFolder = "schema";

    public static Command Create(CliConsole console)
    {
        var folder = CommonOptions.Path("folder", $"The folder to write the schemas to (created if needed; default: {DefaultFolder}).");
        folder.Arity = ArgumentArity.ZeroOrOne;
        folder.DefaultValueFactory = _ => DefaultFolder;
        var command = new Command("schema", "Write the JSON schemas of rule, vocabulary, profile, scenario, case and report files to a folder, for editor completion (name one on a file's first line: # yaml-language-server: $schema=schema/rules.schema.json).")
        {
            folder,
        };
        command.SetAction(result => Run(console, result.GetValue(folder) ?? DefaultFolder));
        return command;
    }

    public static int Run(CliConsole console, string folder)
    {
        var files = ShippedSchemas.All.Select(s => (Path.Combine(folder, s.FileName), s.Text)).ToList();
        if (!FileWriter.TryWriteAll(console, files))
        {
            return ExitCodes.Usage;
        }

        foreach (var (path, _) in files)
        {
            console.Out.WriteLine(path.Replace('\\', '/'));
        }

        return ExitCodes.Success;
    }
}
