using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// The case model's fields by path, derived from the <see cref="PatientCase"/> records and their attributes (the single
/// declaration of the case format): the mapper sets fields by path and never lists them again.
/// </summary>
internal static class CaseModelIndex
{
    private static readonly ImmutableArray<CaseField> Ordered = [.. Collect()];
    private static readonly FrozenDictionary<string, CaseField> Fields = Ordered.ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>Every field of the case and its parts (lists included, list items' fields excluded), in model order.</summary>
    public static ImmutableArray<CaseField> All => Ordered;

    public static CaseField? Find(string path) => Fields.GetValueOrDefault(path);

    public static CaseField Get(string path) =>
        Fields.GetValueOrDefault(path) ?? throw new InvalidOperationException($"The case model has no field '{path}'.");

    /// <summary>Whether the case has a value (or a list) at <paramref name="path"/>.</summary>
    public static bool IsKnown(PatientCase patientCase, string path)
    {
        object? current = patientCase;
        foreach (var property in Chains.GetOrAdd(path, Chain))
        {
            if (current is null)
            {
                return false;
            }

            current = property?.GetValue(current);
        }

        return current is not null;
    }

    /// <summary>The properties a path walks through, looked up once per path (null where a name is no property).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PropertyInfo?[]> Chains = new(StringComparer.Ordinal);

    private static PropertyInfo?[] Chain(string path)
    {
        var chain = new List<PropertyInfo?>();
        var type = (Type?)typeof(PatientCase);
        foreach (var name in path.Split('.'))
        {
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            chain.Add(property);
            type = property?.PropertyType;
        }

        return [.. chain];
    }

    /// <summary>Builds a case from field values by path; a list not given stays null (unknown).</summary>
    public static PatientCase Build(DateOnly assessmentDate, IReadOnlyDictionary<string, object> values)
    {
        var patientCase = (PatientCase)BuildRecord(Layout, values);
        return patientCase with { AssessmentDate = assessmentDate, CaseFormat = 2 };
    }

    /// <summary>A record type of the case and, for each writable property, its path and (for a part) its layout:
    /// derived once, so that building a case reflects over no type.</summary>
    private sealed record RecordLayout(Type Type, (PropertyInfo Property, string Path, RecordLayout? Part)[] Properties);

    private static readonly RecordLayout Layout = LayoutOf(typeof(PatientCase), "");

    private static RecordLayout LayoutOf(Type type, string prefix) =>
        new(type, [.. Writable(type).Select(p => (p, prefix + Camel(p.Name), IsPart(p.PropertyType) ? LayoutOf(p.PropertyType, prefix + Camel(p.Name) + ".") : null))]);

    private static object BuildRecord(RecordLayout layout, IReadOnlyDictionary<string, object> values)
    {
        var record = Activator.CreateInstance(layout.Type)!;
        foreach (var (property, path, part) in layout.Properties)
        {
            if (part is not null)
            {
                property.SetValue(record, BuildRecord(part, values));
            }
            else if (values.TryGetValue(path, out var value))
            {
                property.SetValue(record, value);
            }
        }

        return record;
    }

    private static IEnumerable<CaseField> Collect(Type? type = null, string prefix = "")
    {
        foreach (var property in Writable(type ?? typeof(PatientCase)))
        {
            var path = prefix + Camel(property.Name);
            if (IsPart(property.PropertyType))
            {
                foreach (var field in Collect(property.PropertyType, path + "."))
                {
                    yield return field;
                }

                continue;
            }

            var listOf = ListElement(property.PropertyType);
            var valueType = listOf ?? Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var concept = Attribute(property, "ConceptAttribute");
            var range = Attribute(property, "ValueRangeAttribute");
            yield return new CaseField(path, property, valueType, listOf is not null,
                concept?.ConstructorArguments[0].Value as string,
                range is null ? null : Convert.ToDouble(range.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture),
                range is null ? null : Convert.ToDouble(range.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The declared range of a number on a case record (a list item's field, for example).</summary>
    public static (double Min, double Max) Range(Type record, string property)
    {
        var range = Attribute(record.GetProperty(property) ?? throw new InvalidOperationException($"{record.Name} has no {property}."), "ValueRangeAttribute");
        return range is null
            ? (double.MinValue, double.MaxValue)
            : (Convert.ToDouble(range.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToDouble(range.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The declared unit of a number on a case record, or null when it has none.</summary>
    public static string? Unit(Type record, string property) =>
        Attribute(record.GetProperty(property) ?? throw new InvalidOperationException($"{record.Name} has no {property}."), "UnitAttribute")?.ConstructorArguments[0].Value as string;

    // The model's attributes are internal to the core; they are read by name so that ranges and concept sets are
    // taken from the one declaration rather than repeated here.
    private static CustomAttributeData? Attribute(PropertyInfo property, string name) =>
        property.CustomAttributes.FirstOrDefault(a => a.AttributeType.Name == name);

    private static IEnumerable<PropertyInfo> Writable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).OrderBy(p => p.MetadataToken);

    private static bool IsPart(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(PatientCase).Namespace && !typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
