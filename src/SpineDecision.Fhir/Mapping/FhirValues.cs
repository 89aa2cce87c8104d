using System.Globalization;
using Hl7.Fhir.Model;

namespace SpineDecision.Fhir.Mapping;

/// <summary>Small readers for FHIR primitives: dates as written, status literals, numbers and codings.</summary>
internal static class FhirValues
{
    /// <summary>The calendar date a FHIR date or dateTime names, as written (its own offset); a partial date gives
    /// its first day. Null when absent or unreadable.</summary>
    public static DateOnly? Date(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        var month = value.Length >= 7 && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 1;
        var day = value.Length >= 10 && int.TryParse(value.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 1;
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    /// <summary>The date of a dateTime, Period (its end, else its start), instant or date choice.</summary>
    public static DateOnly? Date(DataType? value) => value switch
    {
        FhirDateTime dateTime => Date(dateTime.Value),
        Period period => Date(period.End) ?? Date(period.Start),
        Instant instant => instant.Value is { } v ? DateOnly.FromDateTime(v.DateTime) : null,
        Date date => Date(date.Value),
        FhirString text => Date(text.Value),
        _ => null,
    };

    /// <summary>The literal of a code element, for example <c>entered-in-error</c>.</summary>
    public static string? Literal(Element? element) => (element as PrimitiveType)?.JsonValue?.ToString();

    /// <summary>The first code of a CodeableConcept (any system), for status concepts such as clinicalStatus.</summary>
    public static string? FirstCode(CodeableConcept? concept)
    {
        // Loops, not LINQ, here and below: these run several times per resource, and a closure per call was a
        // measurable share of a mapping's allocation.
        if (concept is null)
        {
            return null;
        }

        foreach (var coding in concept.Coding)
        {
            if (!string.IsNullOrEmpty(coding.Code))
            {
                return coding.Code;
            }
        }

        return null;
    }

    public static bool Has(CodeableConcept? concept, string system, string code)
    {
        if (concept is null)
        {
            return false;
        }

        foreach (var coding in concept.Coding)
        {
            if (coding.System == system && coding.Code == code)
            {
                return true;
            }
        }

        return false;
    }

    public static string? Text(CodeableConcept? concept)
    {
        if (concept is null || !string.IsNullOrWhiteSpace(concept.Text))
        {
            return concept?.Text;
        }

        foreach (var coding in concept.Coding)
        {
            if (!string.IsNullOrWhiteSpace(coding.Display))
            {
                return coding.Display;
            }
        }

        return null;
    }

    /// <summary>The first extension of that URL, modifier extensions before the others, as Firely's <c>GetExtension</c>
    /// finds it, without the iterators it allocates.</summary>
    public static Extension? Extension(DomainResource resource, string url) =>
        First(resource, "modifierExtension", url) ?? First(resource, "extension", url);

    private static Extension? First(Base element, string name, string url)
    {
        if (Present(element, name) is IEnumerable<Extension> extensions)
        {
            foreach (var extension in extensions)
            {
                if (extension.Url == url)
                {
                    return extension;
                }
            }
        }

        return null;
    }

    /// <summary>The element's value when it has one (a list: when not empty). Unlike a repeating element's property,
    /// which creates an empty list on an object that has none, this allocates nothing: the mapping asks every resource
    /// for lists that few have (extensions, partOf, bodySite).</summary>
    public static object? Present(Base element, string name) => element.TryGetValue(name, out var value) ? value : null;

    /// <summary>A number and its UCUM unit (null when unitless) from a Quantity, integer or decimal choice.</summary>
    public static (decimal Value, string? Unit)? Number(DataType? value) => value switch
    {
        Quantity { Value: { } q } quantity => (q, string.IsNullOrEmpty(quantity.Code) ? quantity.Unit : quantity.Code),
        Integer { Value: { } i } => (i, null),
        FhirDecimal { Value: { } d } => (d, null),
        _ => null,
    };

    public static string Show(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
