using System.Reflection;
using PublicApiGenerator;

namespace SpineDecision.Tests.PublicApi;

/// <summary>
/// The public surface is deliberate: any change shows up as a diff against <c>PublicApi.approved.txt</c>, reviewed
/// like code. NRules stays an implementation detail (DESIGN §1).
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(SpineDecisionEngine).Assembly;

    [Test]
    public void PublicApi_HasNotChanged()
    {
        var folder = Path.Combine(SolutionFolder(), "tests", "SpineDecision.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, "PublicApi.approved.txt");
        var receivedPath = Path.Combine(folder, "PublicApi.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        var received = Library.GeneratePublicApi(new ApiGeneratorOptions { DenyNamespacePrefixes = [] }).ReplaceLineEndings("\n");

        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The public API changed. Compare {receivedPath} with {approvedPath}; if the change is intended, " +
            $"approve it by copying the received file over the approved one (mv '{receivedPath}' '{approvedPath}') and commit it.");
    }

    [Test]
    public void PublicApi_ExposesNoNRulesType()
    {
        var exposed = Library.GetExportedTypes().SelectMany(ExposedTypes).Distinct();

        exposed.Where(t => t.Assembly.GetName().Name!.StartsWith("NRules", StringComparison.Ordinal))
            .Select(t => t.FullName).Should().BeEmpty();
    }

    [Test]
    public void PublicApi_ReusesNoNRulesPublicSimpleName()
    {
        var nrules = typeof(NRules.ISession).Assembly.GetExportedTypes()
            .Concat(typeof(NRules.RuleModel.IContext).Assembly.GetExportedTypes()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var ours = Library.GetExportedTypes().Select(t => t.Name);

        ours.Where(nrules.Contains).Should().BeEmpty();
    }

    /// <summary>Every type a consumer can see through <paramref name="type"/>: bases, interfaces and the signatures of
    /// public and protected members, generic arguments included.</summary>
    private static IEnumerable<Type> ExposedTypes(Type type)
    {
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var signatures = new List<Type> { type };
        if (type.BaseType is { } baseType)
        {
            signatures.Add(baseType);
        }

        signatures.AddRange(type.GetInterfaces());
        foreach (var member in type.GetMembers(Visible))
        {
            switch (member)
            {
                case MethodBase method when method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly:
                    signatures.AddRange(method.GetParameters().Select(p => p.ParameterType));
                    if (method is MethodInfo info)
                    {
                        signatures.Add(info.ReturnType);
                    }

                    break;
                case PropertyInfo property when property.GetMethod is { } getter && (getter.IsPublic || getter.IsFamily):
                    signatures.Add(property.PropertyType);
                    break;
                case FieldInfo field when field.IsPublic || field.IsFamily:
                    signatures.Add(field.FieldType);
                    break;
                case EventInfo e when e.AddMethod is { IsPublic: true }:
                    signatures.Add(e.EventHandlerType!);
                    break;
            }
        }

        return signatures.SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            return Flatten(type.GetElementType()!);
        }

        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition()) : [type];
    }

    private static string SolutionFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SpineDecision.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no SpineDecision.sln above {AppContext.BaseDirectory}");
    }
}
