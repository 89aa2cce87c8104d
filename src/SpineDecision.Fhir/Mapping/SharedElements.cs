using Hl7.Fhir.Model;

namespace SpineDecision.Fhir.Mapping;

/// <summary>
/// The elements of one mapping's JSON input that are vocabulary, read once each: a CodeableConcept once per distinct
/// JSON text, and a code, URI or other coded primitive once per element and value (its bytes). One patient's Bundle repeats the
/// same few concepts on every resource (a lab's LOINC code on each of its results, <c>clinicalStatus</c> "active" on
/// each Condition, a drug's RxNorm code on each refill), and each copy was a graph of Firely objects.
/// </summary>
/// <remarks>
/// Sharing is safe because nothing outside the mapping sees these objects and the mapping only reads them; a cached
/// CodeableConcept was read from the same bytes, so reading them again would give an equal one (or the same fallback
/// to Firely, which a cached one never needed). Keys are spans of the mapping's own input, so the cache holds no copy
/// of the text; it is emptied when the mapping ends, and its tables are reused by the next mapping on the thread.
/// </remarks>
internal sealed class SharedElements
{
    private readonly Dictionary<(int Start, int Length), CodeableConcept> _concepts;
    private readonly Dictionary<(object Member, int Start, int Length), PrimitiveType> _primitives;
    private byte[] _input = [];

    [ThreadStatic]
    private static SharedElements? _spare;

    private SharedElements()
    {
        var spans = new InputSpans(this); // both tables compare spans of the same input
        _concepts = new Dictionary<(int, int), CodeableConcept>(spans);
        _primitives = new Dictionary<(object, int, int), PrimitiveType>(new MemberSpans(spans));
    }

    /// <summary>This thread's tables, emptied, for a mapping of <paramref name="input"/>; give them back with
    /// <see cref="Release"/>.</summary>
    public static SharedElements Rent(byte[] input)
    {
        var shared = Interlocked.Exchange(ref _spare, null) ?? new SharedElements();
        shared._input = input;
        return shared;
    }

    /// <summary>Empties the tables (their capacity kept) and keeps them for the thread's next mapping.</summary>
    public void Release()
    {
        var large = _concepts.Count + _primitives.Count > 4096; // a very large Bundle's tables are not kept
        _concepts.Clear();
        _primitives.Clear();
        _input = [];
        if (!large)
        {
            _spare = this;
        }
    }

    /// <summary>The concept read earlier from the same bytes of the input (<paramref name="start"/>, <paramref name="length"/>).</summary>
    public bool TryGetConcept(int start, int length, out CodeableConcept concept) => _concepts.TryGetValue((start, length), out concept!);

    public void AddConcept(int start, int length, CodeableConcept concept) => _concepts.TryAdd((start, length), concept);

    /// <summary>The primitive element of <paramref name="member"/> read earlier from the same bytes of the input.</summary>
    public bool TryGetPrimitive(object member, int start, int length, out PrimitiveType element) => _primitives.TryGetValue((member, start, length), out element!);

    public void AddPrimitive(object member, int start, int length, PrimitiveType element) => _primitives.TryAdd((member, start, length), element);

    /// <summary>Compares two spans of the input by their bytes.</summary>
    private sealed class InputSpans(SharedElements owner) : IEqualityComparer<(int Start, int Length)>
    {
        public bool Equals((int Start, int Length) x, (int Start, int Length) y) =>
            x.Length == y.Length && owner._input.AsSpan(x.Start, x.Length).SequenceEqual(owner._input.AsSpan(y.Start, y.Length));

        public int GetHashCode((int Start, int Length) span)
        {
            var hash = new HashCode();
            hash.AddBytes(owner._input.AsSpan(span.Start, span.Length));
            return hash.ToHashCode();
        }
    }

    /// <summary>A member by reference (one per element of a type), its value by the bytes of the input.</summary>
    private sealed class MemberSpans(InputSpans spans) : IEqualityComparer<(object Member, int Start, int Length)>
    {
        public bool Equals((object Member, int Start, int Length) x, (object Member, int Start, int Length) y) =>
            ReferenceEquals(x.Member, y.Member) && spans.Equals((x.Start, x.Length), (y.Start, y.Length));

        public int GetHashCode((object Member, int Start, int Length) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Member), spans.GetHashCode((key.Start, key.Length)));
    }
}
