using System.Collections;
using System.Collections.Frozen;
using LinqExpression = System.Linq.Expressions.Expression;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// A fast reader for the resource types most numerous in patient data, populating the same Firely POCOs that
/// Firely's deserialiser would, but only with the elements the mapping reads (<see cref="ReadElements"/>). Elements
/// listed in <see cref="SkippedElements"/> are never looked at by the mapping and are skipped. Anything else (an
/// element in neither list, an unusual shape, a JSON type that is not the one expected, a null, an empty array or
/// object, a primitive's extension) makes it return <see langword="null"/>, and the caller parses the resource with
/// Firely, which gives its usual result or error. A differential test checks that both give the same POCO elements
/// and the same mapping.
/// </summary>
internal static class FhirResourceReader
{
    /// <summary>The elements populated, by resource type; <c>extension</c> and <c>id</c> on every type.</summary>
    internal static readonly FrozenDictionary<string, string[]> ReadElements = new Dictionary<string, string[]>
    {
        ["Observation"] = ["status", "category", "code", "effective", "issued", "value", "dataAbsentReason", "interpretation", "bodySite", "method", "partOf", "hasMember", "derivedFrom", "component"],
        ["Condition"] = ["clinicalStatus", "verificationStatus", "category", "severity", "code", "bodySite", "onset", "abatement", "recordedDate"],
        ["Procedure"] = ["status", "statusReason", "category", "code", "performed", "bodySite", "outcome", "reasonCode", "reasonReference", "partOf", "complication", "followUp", "usedCode"],
        ["MedicationRequest"] = ["status", "statusReason", "intent", "category", "priority", "doNotPerform", "medication", "authoredOn", "reasonCode", "reasonReference"],
        ["MedicationStatement"] = ["status", "statusReason", "category", "medication", "effective", "dateAsserted", "reasonCode", "reasonReference"],
        ["AllergyIntolerance"] = ["clinicalStatus", "verificationStatus", "type", "category", "criticality", "code", "onset", "recordedDate", "lastOccurrence"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The elements skipped unread, by resource type: who recorded or performed, identifiers, notes,
    /// narrative, encounters and subjects (a Bundle is one patient's), dosage. The mapping never reads them; if it
    /// starts to, the element moves to <see cref="ReadElements"/>.</summary>
    internal static readonly FrozenDictionary<string, string[]> SkippedElements = new Dictionary<string, string[]>
    {
        ["Observation"] = ["identifier", "basedOn", "subject", "focus", "encounter", "performer", "note", "specimen", "device", "referenceRange"],
        ["Condition"] = ["identifier", "subject", "encounter", "recorder", "asserter", "note"],
        ["Procedure"] = ["identifier", "instantiatesCanonical", "instantiatesUri", "basedOn", "subject", "encounter", "recorder", "asserter", "performer", "location", "report", "note"],
        ["MedicationRequest"] = ["identifier", "reported", "subject", "encounter", "supportingInformation", "requester", "performer", "performerType", "recorder",
            "instantiatesCanonical", "instantiatesUri", "basedOn", "groupIdentifier", "courseOfTherapyType", "insurance", "note", "dosageInstruction", "dispenseRequest", "substitution",
            "priorPrescription", "detectedIssue", "eventHistory"],
        ["MedicationStatement"] = ["identifier", "basedOn", "partOf", "subject", "context", "informationSource", "derivedFrom", "note", "dosage"],
        ["AllergyIntolerance"] = ["identifier", "patient", "encounter", "recorder", "asserter", "note"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Resource elements every type skips: metadata and narrative.</summary>
    internal static readonly string[] SkippedOnEveryResource = ["meta", "implicitRules", "language", "text", "contained", "modifierExtension"];

    /// <summary>Data types read in full (their own <c>id</c> and <c>extension</c> send the resource to Firely), and
    /// the elements of each that are read; a reference's identifier is not.</summary>
    private static readonly Dictionary<Type, (string[] Read, string[] Skipped)> DataTypes = new()
    {
        [typeof(Coding)] = (["system", "version", "code", "display", "userSelected"], []),
        [typeof(CodeableConcept)] = (["coding", "text"], []),
        [typeof(Quantity)] = (["value", "comparator", "unit", "system", "code"], []),
        [typeof(Period)] = (["start", "end"], []),
        [typeof(ResourceReference)] = (["reference", "type", "display"], []),
        [typeof(Extension)] = (["url", "value"], []),
        [typeof(Observation.ComponentComponent)] = (["code", "value", "dataAbsentReason", "interpretation"], ["referenceRange"]),
    };

    private enum Kind : byte
    {
        Skip,
        Text,

        /// <summary>Text that recurs across resources and patients (codes, systems, displays, statuses, units): one
        /// string per value on a thread (<see cref="SharedText"/>), not one per element.</summary>
        SharedText,
        Decimal,
        Integer,
        Boolean,
        Complex,
    }

    /// <summary>How one JSON member is read: the element it sets, whether it repeats, its kind, and how to create
    /// its value and list (of the element's own type: a status is a <c>Code&lt;T&gt;</c>, not the <c>Code</c> its
    /// type mapping names).</summary>
    private sealed record Member(string Element, bool Repeats, Kind Kind, Func<Base>? Create, Func<IList>? CreateList, Table? Table)
    {
        /// <summary>Sets the element on its POCO (the property itself, compiled once: no lookup by name).</summary>
        public Action<Base, object>? Set { get; init; }

        /// <summary>Whether the element is a CodeableConcept, read once per mapping for each distinct JSON text
        /// (<see cref="SharedElements"/>).</summary>
        public bool IsConcept { get; init; }

        /// <summary>The element's bit among those its object reads (the choices of one element share it), to find an
        /// element given twice.</summary>
        public ulong Bit { get; init; }
    }

    private static Action<Base, object> Setter(PropertyMapping property)
    {
        var native = property.NativeProperty ?? throw new InvalidOperationException($"{property.Name} has no POCO property.");
        var target = LinqExpression.Parameter(typeof(Base));
        var value = LinqExpression.Parameter(typeof(object));
        var assign = LinqExpression.Assign(LinqExpression.Property(LinqExpression.Convert(target, native.DeclaringType!), native), LinqExpression.Convert(value, native.PropertyType));
        return LinqExpression.Lambda<Action<Base, object>>(assign, target, value).Compile();
    }

    private static Member NewMember(string element, bool repeats, Kind kind, Type type, Table? table) =>
        new(element, repeats, kind,
            LinqExpression.Lambda<Func<Base>>(LinqExpression.New(type)).Compile(),
            LinqExpression.Lambda<Func<IList>>(LinqExpression.New(typeof(List<>).MakeGenericType(type))).Compile(),
            table);

    private sealed class Table
    {
        public Dictionary<string, Member> Members { get; } = new(StringComparer.Ordinal);

        /// <summary>The members by the length of their name, each with its name's UTF-8 bytes: a JSON property name is
        /// matched on its bytes as read, without decoding it.</summary>
        private (byte[] Name, Member Member)[][] _byLength = [];

        public void Freeze()
        {
            var longest = Members.Keys.Max(k => k.Length);
            _byLength = [.. Enumerable.Range(0, longest + 1)
                .Select(length => Members.Where(m => m.Key.Length == length).Select(m => (Encoding.ASCII.GetBytes(m.Key), m.Value)).ToArray())];
        }

        public Member? Find(ReadOnlySpan<byte> name)
        {
            if (name.Length >= _byLength.Length)
            {
                return null;
            }

            foreach (var (candidate, member) in _byLength[name.Length])
            {
                if (name.SequenceEqual(candidate))
                {
                    return member;
                }
            }

            return null;
        }
    }

    private static readonly Dictionary<Type, Table> Tables = [];
    private static readonly FrozenDictionary<string, (ClassMapping Mapping, Table Table)> Resources = BuildResources();

    /// <summary>Whether <paramref name="type"/> is one this reader reads.</summary>
    public static bool Reads(string type) => Resources.ContainsKey(type);

    /// <summary>The resource read from its UTF-8 JSON, or null when Firely must parse it.</summary>
    public static Resource? TryRead(string type, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            return reader.Read() ? TryRead(type, ref reader, shared: null) : null;
        }
        catch (JsonException)
        {
            return null; // not JSON: Firely decides
        }
    }

    /// <summary>
    /// The resource whose <c>{</c> the reader stands on, or null when Firely must parse it. When read, the reader
    /// stands on the resource's <c>}</c>; when not, anywhere inside it. Malformed JSON throws the reader's
    /// <see cref="JsonException"/>: in a streaming pass it is the whole input's error, not this resource's. With
    /// <paramref name="shared"/> (whose input the reader reads), vocabulary elements are read once per mapping.
    /// </summary>
    public static Resource? TryRead(string type, ref Utf8JsonReader reader, SharedElements? shared)
    {
        if (!Resources.TryGetValue(type, out var entry))
        {
            return null;
        }

        var resource = entry.Mapping.CreateInstance();
        try
        {
            return ReadObject(ref reader, resource, entry.Table, isResource: true, shared) ? (Resource)resource : null;
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null; // an unusual value: Firely decides
        }
    }

    private static bool ReadObject(ref Utf8JsonReader reader, Base target, Table table, bool isResource, SharedElements? shared)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var any = false;
        var typeSeen = false;
        var seen = 0UL;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            any = true;
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var key = reader.ValueSpan;
            if (isResource && key.SequenceEqual("resourceType"u8))
            {
                if (typeSeen || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false; // twice, or not a string: Firely decides
                }

                typeSeen = true;
                continue;
            }

            if (table.Find(key) is not { } member || !reader.Read())
            {
                return false;
            }

            if (member.Kind == Kind.Skip)
            {
                if (!SkipChecked(ref reader))
                {
                    return false;
                }

                continue;
            }

            if ((seen & member.Bit) != 0)
            {
                return false; // the element twice (a duplicate member, or two choices of one element)
            }

            seen |= member.Bit;

            if (member.Repeats)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                var list = member.CreateList!();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (ReadValue(ref reader, member, shared) is not { } item)
                    {
                        return false;
                    }

                    list.Add(item);
                }

                if (list.Count == 0)
                {
                    return false;
                }

                member.Set!(target, list);
            }
            else
            {
                if (ReadValue(ref reader, member, shared) is not { } value)
                {
                    return false;
                }

                member.Set!(target, value);
            }
        }

        return any && reader.TokenType == JsonTokenType.EndObject;
    }

    private static Base? ReadValue(ref Utf8JsonReader reader, Member member, SharedElements? shared)
    {
        if (member.Kind == Kind.Complex)
        {
            return shared is not null && member.IsConcept ? ReadConcept(ref reader, member, shared) : ReadComplex(ref reader, member, shared);
        }

        // A coded value read before in this mapping (the same element and the same bytes) is that element again.
        var sharedAt = -1;
        if (shared is not null && member.Kind == Kind.SharedText && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length > 0)
        {
            sharedAt = (int)reader.TokenStartIndex + 1; // after the opening quote
            if (shared.TryGetPrimitive(member, sharedAt, reader.ValueSpan.Length, out var known))
            {
                return known;
            }
        }

        object? primitive = member.Kind switch
        {
            Kind.Text when reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text => text,
            Kind.SharedText when reader.TokenType == JsonTokenType.String && SharedText(ref reader) is { Length: > 0 } text => text,
            Kind.Decimal when reader.TokenType == JsonTokenType.Number && IsPlainNumber(reader.ValueSpan, fraction: true) && reader.TryGetDecimal(out var d) => d,
            Kind.Integer when reader.TokenType == JsonTokenType.Number && IsPlainNumber(reader.ValueSpan, fraction: false) && reader.TryGetInt32(out var i) => i,
            Kind.Boolean when reader.TokenType is JsonTokenType.True or JsonTokenType.False => reader.GetBoolean(),
            _ => null,
        };
        if (primitive is null)
        {
            return null;
        }

        var element = NewPrimitive(member, primitive);
        if (sharedAt >= 0)
        {
            shared!.AddPrimitive(member, sharedAt, reader.ValueSpan.Length, element);
        }

        return element;
    }

    private static PrimitiveType NewPrimitive(Member member, object value)
    {
        var element = (PrimitiveType)member.Create!();
        element.JsonValue = value; // what Firely's deserialiser sets: the JSON value as read
        return element;
    }

    private static Base? ReadComplex(ref Utf8JsonReader reader, Member member, SharedElements? shared)
    {
        var value = member.Create!();
        return ReadObject(ref reader, value, member.Table!, isResource: false, shared) ? value : null;
    }

    /// <summary>A CodeableConcept, the one read earlier from the same bytes when there is one (then only skipped).</summary>
    private static Base? ReadConcept(ref Utf8JsonReader reader, Member member, SharedElements shared)
    {
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var length = (int)end.BytesConsumed - start;
        if (shared.TryGetConcept(start, length, out var known))
        {
            reader = end;
            return known;
        }

        var read = ReadComplex(ref reader, member, shared);
        if (read is CodeableConcept concept)
        {
            shared.AddConcept(start, length, concept);
        }

        return read;
    }

    /// <summary>Strings of <see cref="Kind.SharedText"/> read on this thread; cleared when full, so it stays small.</summary>
    [ThreadStatic]
    private static Dictionary<string, string>? _sharedText;

    private const int SharedTextLength = 128;

    /// <summary>The string value, the same instance as the last time this thread read the same text (the value is
    /// vocabulary: a FHIR Bundle repeats a few systems, codes and displays hundreds of times).</summary>
    private static string? SharedText(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > SharedTextLength)
        {
            return reader.GetString();
        }

        Span<char> chars = stackalloc char[SharedTextLength];
        if (System.Text.Unicode.Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var length, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return reader.GetString(); // invalid UTF-8: GetString says so
        }

        var cache = _sharedText ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        if (cache.Count >= 4096)
        {
            cache.Clear();
        }

        var text = new string(chars[..length]);
        cache[text] = text;
        return text;
    }

    /// <summary>Digits, a sign and (for decimals) a point: no exponent, whose scale Firely may keep differently.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<byte> raw, bool fraction) =>
        raw.IndexOfAnyExcept(NumberBytes) < 0 && (fraction || !raw.Contains((byte)'.'));

    private static readonly System.Buffers.SearchValues<byte> NumberBytes = System.Buffers.SearchValues.Create("-0123456789."u8);

    /// <summary>Skips a value; false when it holds a null, an empty array or an empty object, which Firely rejects.</summary>
    private static bool SkipChecked(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var depth = reader.CurrentDepth;
        var previous = reader.TokenType;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.Null
                || (reader.TokenType == JsonTokenType.EndObject && previous == JsonTokenType.StartObject)
                || (reader.TokenType == JsonTokenType.EndArray && previous == JsonTokenType.StartArray))
            {
                return false;
            }

            previous = reader.TokenType;
        }

        return !((reader.TokenType == JsonTokenType.EndObject && previous == JsonTokenType.StartObject)
            || (reader.TokenType == JsonTokenType.EndArray && previous == JsonTokenType.StartArray));
    }

    private static FrozenDictionary<string, (ClassMapping, Table)> BuildResources()
    {
        var inspector = ModelInfo.ModelInspector;
        foreach (var (type, (read, skipped)) in DataTypes)
        {
            Tables[type] = new Table();
        }

        foreach (var (type, (read, skipped)) in DataTypes)
        {
            Fill(Tables[type], Mapping(inspector, type), read, skipped);
        }

        var resources = new Dictionary<string, (ClassMapping, Table)>(StringComparer.Ordinal);
        foreach (var (name, read) in ReadElements)
        {
            var mapping = inspector.FindClassMapping(name) ?? throw new InvalidOperationException($"FHIR R4 has no resource type {name}.");
            var table = new Table();
            Fill(table, mapping, [.. read, "id", "extension"], [.. SkippedElements[name], .. SkippedOnEveryResource]);
            resources[name] = (mapping, table);
        }

        return resources.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static ClassMapping Mapping(ModelInspector inspector, Type type) =>
        inspector.FindOrImportClassMapping(type) ?? throw new InvalidOperationException($"Firely has no mapping for {type.Name}.");

    private static void Fill(Table table, ClassMapping mapping, string[] read, string[] skipped)
    {
        if (read.Length > 64)
        {
            throw new InvalidOperationException($"{mapping.Name}: more elements read than a 64-bit set holds.");
        }

        foreach (var name in read.Concat(skipped))
        {
            var property = mapping.FindMappedElementByName(name) ?? throw new InvalidOperationException($"FHIR R4 {mapping.Name} has no element {name}.");
            var isRead = read.Contains(name);
            var bit = isRead ? 1UL << Array.IndexOf(read, name) : 0;
            var set = isRead ? Setter(property) : null;
            if (property.Choice == ChoiceType.DatatypeChoice)
            {
                foreach (var choice in property.FhirTypeMappings)
                {
                    var member = isRead ? ReadMember(name, false, choice, choice.NativeType) is { } m ? m with { Set = set, Bit = bit } : null
                        : new Member(name, false, Kind.Skip, null, null, null);
                    if (member is not null)
                    {
                        table.Members[name + char.ToUpperInvariant(choice.Name[0]) + choice.Name[1..]] = member;
                    }
                }
            }
            else if (!isRead)
            {
                table.Members[name] = new Member(name, property.IsCollection, Kind.Skip, null, null, null);
            }
            else
            {
                var type = property.PropertyTypeMapping ?? throw new InvalidOperationException($"{mapping.Name}.{name} has no type.");
                table.Members[name] = (ReadMember(name, property.IsCollection, type, property.ImplementingType)
                    ?? throw new InvalidOperationException($"{mapping.Name}.{name} is of type {type.Name}, which this reader does not read.")) with { Set = set, Bit = bit };
            }
        }

        table.Freeze();
    }

    /// <summary>How an element of this type is read; null for a type read only by Firely (a choice of that type then
    /// sends the resource to Firely).</summary>
    private static Member? ReadMember(string element, bool repeats, ClassMapping type, Type implementing)
    {
        if (type.IsFhirPrimitive)
        {
            var kind = type.NativeType == typeof(FhirDecimal) ? Kind.Decimal
                : type.NativeType == typeof(Integer) || type.NativeType == typeof(PositiveInt) || type.NativeType == typeof(UnsignedInt) ? Kind.Integer
                : type.NativeType == typeof(FhirBoolean) ? Kind.Boolean
                : type.NativeType == typeof(Integer64) || type.NativeType == typeof(Base64Binary) ? (Kind?)null
                : type.NativeType == typeof(Id) || type.NativeType == typeof(FhirDateTime) || type.NativeType == typeof(Date) || type.NativeType == typeof(Instant) ? Kind.Text
                : Kind.SharedText; // not per resource or per patient: codes, systems, displays, statuses, units
            return kind is { } k ? NewMember(element, repeats, k, implementing, null) : null;
        }

        return !Tables.TryGetValue(implementing, out var table) ? null
            : implementing == typeof(CodeableConcept) ? NewMember(element, repeats, Kind.Complex, implementing, table) with { IsConcept = true }
            : NewMember(element, repeats, Kind.Complex, implementing, table);
    }
}
