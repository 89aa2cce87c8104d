using System.Reflection;

namespace SpineDecision.Fhir.Mapping;

/// <summary>One settable field of the case model, found by reflection over the <c>PatientCase</c> records.</summary>
/// <param name="Path">The case path, for example <c>pain.nrs</c>.</param>
/// <param name="Property">The record property.</param>
/// <param name="ValueType">The property type without <see cref="Nullable{T}"/>; a list's element type for lists.</param>
/// <param name="IsList">Whether the field is a list (<c>IReadOnlyList&lt;T&gt;</c>).</param>
/// <param name="ConceptSet">The vocabulary set the field takes, if it is a concept.</param>
/// <param name="Min">The least value allowed, for numbers with a declared range.</param>
/// <param name="Max">The greatest value allowed, for numbers with a declared range.</param>
internal sealed record CaseField(string Path, PropertyInfo Property, Type ValueType, bool IsList, string? ConceptSet, double? Min, double? Max)
{
    public bool InRange(double value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);
}
