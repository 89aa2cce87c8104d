using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// Reads JSON text into resources in one <see cref="Utf8JsonReader"/> pass over its UTF-8 bytes, with the shapes and
/// results of the reference reader (<see cref="FhirJsonInput"/>): a Bundle (any type, nested Bundles included), a single
/// resource, or a CDS Hooks prefetch object (members that are resources, Bundles, batch-response entries or null).
/// Resources are read as they come: the common types by <see cref="FhirResourceReader"/> from the same reader, the
/// rest (and anything it does not read in full) by Firely from the resource's own bytes, so one that fails is skipped
/// and reported. The input is still checked whole before any error of its content is thrown: malformed JSON anywhere
/// wins over a limit or a root error found earlier, as when the whole input was parsed first. One difference, on
/// input that is not FHIR JSON: of a member repeated in one object (<c>resourceType</c> when first, a Bundle's
/// <c>entry</c>, an entry's <c>resource</c>), the first is read where the reference reads the last.
/// </summary>
internal sealed class FhirJsonStream
{
    /// <summary>FHIR R4 resource type names, so that the name read is not a new string per resource.</summary>
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownTypes = ModelInfo.SupportedResources
        .Where(ModelInfo.IsKnownResource).Concat(MappingSession.ReadResourceTypes).Distinct(StringComparer.Ordinal)
        .ToFrozenDictionary(t => t, t => t, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly FhirMappingOptions _options;
    private readonly Func<MappingSession> _newSession;
    private readonly List<(string Source, ResourcePath Path, Resource Resource)> _resources = Interlocked.Exchange(ref _spare, null) ?? [];

    /// <summary>A list of this thread's last mapping, emptied, so that the next one does not grow its own again.</summary>
    [ThreadStatic]
    private static List<(string Source, ResourcePath Path, Resource Resource)>? _spare;
    private MappingSession _session = null!;
    private byte[] _input = [];
    private int _length;
    private SharedElements? _shared;

    public FhirJsonStream(FhirMappingOptions options, Func<MappingSession> newSession)
    {
        _options = options;
        _newSession = newSession;
    }

    public (MappingSession Session, List<(string Source, ResourcePath Path, Resource Resource)> Resources) Read(string json)
    {
        FhirJsonInput.CheckSize(json, _options);
        _input = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(json));
        try
        {
            _length = Encoding.UTF8.GetBytes(json, _input);
            _shared = SharedElements.Rent(_input);
            return Pass(json, rootIsResource: false) ? (_session, _resources) : Pass(json, rootIsResource: true) ? (_session, _resources)
                : throw new InvalidOperationException("The root was read as a resource and still asked to be read again.");
        }
        finally
        {
            // The resources read keep the shared elements; only the tables that found them are given back.
            _shared?.Release();
            _shared = null;
            ArrayPool<byte>.Shared.Return(_input);
            _input = [];
        }
    }

    /// <summary>Gives back the list <see cref="Read"/> returned, once its mapping is done with it.</summary>
    public static void Recycle(List<(string Source, ResourcePath Path, Resource Resource)> resources)
    {
        if (resources.Capacity <= 4096)
        {
            resources.Clear();
            _spare = resources;
        }
    }

    /// <summary>One pass over the input with a new session; false when a prefetch object turned out to be a resource
    /// (a <c>resourceType</c> member after others), to be read again as one.</summary>
    private bool Pass(string json, bool rootIsResource)
    {
        _session = _newSession();
        _resources.Clear();
        var reader = new Utf8JsonReader(_input.AsSpan(0, _length), new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        FhirMappingException? error = null;
        try
        {
            try
            {
                if (!ReadRoot(ref reader, rootIsResource))
                {
                    return false;
                }
            }
            catch (FhirMappingException) when (!rootIsResource && RootHasResourceType())
            {
                return false; // a limit reached in what turns out to be a resource, not a prefetch object: read it as one
            }
            catch (FhirMappingException e)
            {
                error = e; // thrown once the rest of the input is known to be JSON
            }

            while (reader.Read())
            {
                // The rest of the input, and nothing after the root value, must be JSON.
            }
        }
        catch (JsonException e)
        {
            throw FhirJsonInput.Malformed(json, e, _options.MaxDepth);
        }

        return error is null ? true : throw error;
    }

    /// <summary>Whether the root is an object with a <c>resourceType</c> member (read again from the start: only
    /// after an error). Malformed JSON throws, and wins, as it would have before anything else.</summary>
    private bool RootHasResourceType()
    {
        var reader = new Utf8JsonReader(_input.AsSpan(0, _length), new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject && HasMember(reader, "resourceType"u8);
    }

    private bool ReadRoot(ref Utf8JsonReader reader, bool rootIsResource)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FhirMappingException($"expected a FHIR R4 resource, a Bundle or a CDS Hooks prefetch object, found a JSON {Kind(reader.TokenType)}", "$");
        }

        if (rootIsResource || FirstMemberIsResourceType(reader))
        {
            var (type, shown) = ResourceType(reader);
            if (type is null || !IsKnownResource(type))
            {
                throw new FhirMappingException($"'{shown}' is not a FHIR R4 resource type", "$.resourceType");
            }

            ReadResource(ref reader, ResourcePath.Root);
            return true;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resourceType"u8))
            {
                return false;
            }

            var name = reader.GetString()!;
            reader.Read();
            ReadPrefetchMember(ref reader, name);
        }

        return true;
    }

    private void ReadPrefetchMember(ref Utf8JsonReader reader, string name)
    {
        var path = "$." + name;
        if (reader.TokenType == JsonTokenType.Null)
        {
            _session.Ignore($"prefetch {name}", FhirIgnoreReason.Unused, "null: no data (not \"none\")");
        }
        else if (reader.TokenType == JsonTokenType.StartObject && (FirstMemberIsResourceType(reader) || HasMember(reader, "resourceType"u8)))
        {
            ReadResource(ref reader, path);
        }
        else if (reader.TokenType == JsonTokenType.StartObject && MemberKind(reader, "resource"u8) == JsonTokenType.StartObject)
        {
            ReadMember(ref reader, "resource"u8, path + ".resource"); // a batch-response entry where the resource belongs
        }
        else
        {
            _session.Ignore(path, FhirIgnoreReason.ParseFailed, $"expected a FHIR resource, a Bundle or null, found a JSON {Kind(reader.TokenType)}");
            reader.Skip();
        }
    }

    /// <summary>Reads the resource (or Bundle) whose <c>{</c> the reader stands on; leaves it on the <c>}</c>.</summary>
    private void ReadResource(ref Utf8JsonReader reader, ResourcePath path)
    {
        if (_resources.Count >= _options.MaxResources)
        {
            throw FhirJsonInput.TooManyResources(_options, path);
        }

        var start = (int)reader.TokenStartIndex;
        var (type, _) = ResourceType(reader);
        if (type == "Bundle" && ReadBundle(ref reader, path))
        {
            return;
        }

        if (type is null || !IsKnownResource(type))
        {
            var label = type is null ? path.ToString() : FhirJsonInput.Label(type, TopLevelString(reader, "id"u8), path);
            reader.Skip();
            _session.Ignore(label, FhirIgnoreReason.ParseFailed, FhirJsonInput.NotAResourceType(path, type));
            return;
        }

        if (!MappingSession.ReadResourceTypes.Contains(type))
        {
            // A type the mapping never reads: counted without parsing it (Synthea bundles are mostly claims).
            reader.Skip();
            _session.TallyUnsupported(type);
            return;
        }

        if (type == "Encounter")
        {
            ReadEncounter(ref reader, path);
            return;
        }

        if (_options.Parser == FhirJsonParser.Streaming && FhirResourceReader.Reads(type))
        {
            var depth = reader.CurrentDepth;
            if (FhirResourceReader.TryRead(type, ref reader, _shared) is { } read)
            {
                var label = FhirJsonInput.Label(type, read.Id, path);
                if (_session.ScreenStatus(label, type, read.TryGetValue("status", out var status) ? FhirValues.Literal(status as Element) : null))
                {
                    _resources.Add((label, path, read));
                }

                return;
            }

            while (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth)
            {
                reader.Read(); // the rest of a resource our reader left to Firely
            }
        }
        else
        {
            reader.Skip();
        }

        ReadWithFirely(type, _input.AsSpan(start, (int)reader.BytesConsumed - start), path);
    }

    /// <summary>What the reference reader does with a resource's bytes: its status screened, then Firely.</summary>
    private void ReadWithFirely(string type, ReadOnlySpan<byte> json, ResourcePath path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        reader.Read();
        var label = FhirJsonInput.Label(type, TopLevelString(reader, "id"u8), path);
        if (!_session.ScreenStatus(label, type, TopLevelString(reader, "status"u8)))
        {
            return; // not current: reported without parsing
        }

        if (FhirJsonInput.ParseWithFirely(_session, label, path, json, _options.MaxDepth) is { } parsed)
        {
            _resources.Add((label, path, parsed));
        }
    }

    /// <summary>Reads a Bundle's entries; false, with the reader on the Bundle's <c>}</c>, when it has no entry array
    /// (it is then counted as a resource the mapping does not read, as the reference does).</summary>
    private bool ReadBundle(ref Utf8JsonReader reader, ResourcePath path)
    {
        var read = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEntry = !read && reader.ValueTextEquals("entry"u8);
            reader.Read();
            if (!isEntry || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            read = true;
            var bundlePath = path.ToString();
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var entryPath = new ResourcePath(bundlePath, index++);
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadMember(ref reader, "resource"u8, entryPath);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return read;
    }

    /// <summary>Reads the first member of that name of the object the reader stands on as a resource, when it is an
    /// object; skips the rest. Leaves the reader on the object's <c>}</c>.</summary>
    private void ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> member, ResourcePath path)
    {
        var read = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMember = !read && reader.ValueTextEquals(member);
            reader.Read();
            if (isMember && reader.TokenType == JsonTokenType.StartObject)
            {
                read = true;
                ReadResource(ref reader, path);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>An Encounter from the four values the mapping reads, without parsing it (the last of a repeated member
    /// counts, as in a JsonDocument).</summary>
    private void ReadEncounter(ref Utf8JsonReader reader, ResourcePath path)
    {
        string? id = null, status = null, classCode = null, start = null, end = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                status = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("class"u8))
            {
                reader.Read();
                classCode = reader.TokenType == JsonTokenType.StartObject ? TopLevelString(reader, "code"u8) : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("period"u8))
            {
                reader.Read();
                (start, end) = reader.TokenType == JsonTokenType.StartObject ? (TopLevelString(reader, "start"u8), TopLevelString(reader, "end"u8)) : (null, null);
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        _session.MapEncounter(FhirJsonInput.Label("Encounter", id, path), status, classCode, start, end);
    }

    /// <summary>The next value when it is a string; null otherwise (skipped).</summary>
    private static string? NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static bool FirstMemberIsResourceType(Utf8JsonReader copy) =>
        copy.Read() && copy.TokenType == JsonTokenType.PropertyName && copy.ValueTextEquals("resourceType"u8);

    /// <summary>The object's resource type (its first member, or else the last <c>resourceType</c> member) when it is
    /// a string, and the value as a JsonElement shows it, for errors. Reads a copy: the reader does not move.</summary>
    private (string? Type, string Shown) ResourceType(Utf8JsonReader copy)
    {
        var depth = copy.CurrentDepth;
        var first = true;
        (string?, string) found = (null, "");
        while (copy.Read() && copy.CurrentDepth > depth)
        {
            if (copy.TokenType != JsonTokenType.PropertyName)
            {
                copy.Skip();
                continue;
            }

            var isType = copy.ValueTextEquals("resourceType"u8);
            copy.Read();
            if (isType)
            {
                var name = copy.TokenType == JsonTokenType.String ? TypeName(ref copy) : null;
                found = (name, name ?? Shown(copy));
                if (first)
                {
                    return found;
                }
            }

            first = false;
            copy.Skip();
        }

        return found;
    }

    private static string TypeName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= 64)
        {
            Span<char> name = stackalloc char[64];
            var length = Encoding.UTF8.GetChars(reader.ValueSpan, name);
            if (KnownTypes.TryGetValue(name[..length], out var known))
            {
                return known;
            }
        }

        return reader.GetString()!;
    }

    private static bool IsKnownResource(string type) => KnownTypes.ContainsKey(type) || ModelInfo.IsKnownResource(type);

    /// <summary>A value as <see cref="JsonElement.ToString"/> shows it.</summary>
    private string Shown(Utf8JsonReader copy)
    {
        switch (copy.TokenType)
        {
            case JsonTokenType.String:
                return copy.GetString()!;
            case JsonTokenType.True:
                return bool.TrueString;
            case JsonTokenType.False:
                return bool.FalseString;
            case JsonTokenType.Null:
                return "";
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(copy.ValueSpan);
            default:
                var start = (int)copy.TokenStartIndex;
                copy.Skip();
                return Encoding.UTF8.GetString(_input, start, (int)copy.BytesConsumed - start);
        }
    }

    /// <summary>The last top-level member of that name, when it is a string. Reads a copy.</summary>
    private static string? TopLevelString(Utf8JsonReader copy, ReadOnlySpan<byte> member)
    {
        string? value = null;
        while (copy.Read() && copy.TokenType == JsonTokenType.PropertyName)
        {
            var isMember = copy.ValueTextEquals(member);
            copy.Read();
            if (isMember)
            {
                value = copy.TokenType == JsonTokenType.String ? copy.GetString() : null;
            }

            copy.Skip();
        }

        return value;
    }

    private static bool HasMember(Utf8JsonReader copy, ReadOnlySpan<byte> member) => MemberKind(copy, member) != JsonTokenType.None;

    /// <summary>The JSON type of the first member of that name; None when there is none. Reads a copy.</summary>
    private static JsonTokenType MemberKind(Utf8JsonReader copy, ReadOnlySpan<byte> member)
    {
        while (copy.Read() && copy.TokenType == JsonTokenType.PropertyName)
        {
            var isMember = copy.ValueTextEquals(member);
            copy.Read();
            if (isMember)
            {
                return copy.TokenType;
            }

            copy.Skip();
        }

        return JsonTokenType.None;
    }

    private static JsonValueKind Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
