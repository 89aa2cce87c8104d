using System.CommandLine;
using System.Globalization;
using SpineDecision.Cli.Output;

namespace SpineDecision.Cli.Init;

/// <summary>
/// <c>spine-rules init &lt;folder&gt;</c>: scaffolds a rule set of one's own, its scenario file and the JSON schemas
/// (in <c>schema/</c>, which the files name on their first line), so an editor with the YAML language server completes
/// and checks keys at once, offline. Never overwrites a file.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = CommonOptions.Path("folder", "The folder to create (or an empty or new one); its name becomes the rule set id.");
        var command = new Command("init", "Create a folder with a rule set to start from, its scenarios and the JSON schemas the files name for editor completion (VS Code: the YAML extension). Then run 'spine-rules validate', 'test' and 'coverage' on the folder. Never overwrites a file.")
        {
            folder,
        };
        command.SetAction(result => Run(console, result.GetValue(folder)!, DateOnly.FromDateTime(DateTime.UtcNow)));
        return command;
    }

    public static int Run(CliConsole console, string folder, DateOnly today)
    {
        var template = RuleSetTemplate.For(folder);
        var files = new List<(string Path, string Text)>
        {
            (Path.Combine(folder, template.RuleFileName), template.RuleFile(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            (Path.Combine(folder, template.ScenarioFileName), template.ScenarioFile()),
        };
        files.AddRange(ShippedSchemas.All.Select(s => (Path.Combine(folder, SchemaCommand.DefaultFolder, s.FileName), s.Text)));

        var existing = files.Where(f => File.Exists(f.Path) || Directory.Exists(f.Path)).Select(f => f.Path.Replace('\\', '/')).ToList();
        if (existing.Count > 0)
        {
            console.UsageError($"'{folder}' already has {string.Join(", ", existing)}; init never overwrites a file: choose a new folder");
            return ExitCodes.Usage;
        }

        if (!FileWriter.TryWriteAll(console, files))
        {
            return ExitCodes.Usage;
        }

        var display = folder.Replace('\\', '/');
        var argument = display.Contains(' ', StringComparison.Ordinal) ? $"\"{display}\"" : display;
        console.Out.WriteLine($"Created rule set '{template.Id}' in {display}: {template.RuleFileName}, {template.ScenarioFileName} and {files.Count - 2} schemas in {SchemaCommand.DefaultFolder}/.");
        console.Out.WriteLine($"Next: {CliConsole.ToolName} validate {argument}   then   {CliConsole.ToolName} test {argument}   and   {CliConsole.ToolName} coverage {argument}");
        return ExitCodes.Success;
    }
}
