using SpineDecision.Diagnostics;

namespace SpineDecision.Cases;

/// <summary>
/// Where each datum of a case was written, keyed by its path in the case format (<c>pain.nrs</c>,
/// <c>priorProcedures[1].reliefPercent</c>; the empty path is the case itself), so that problems found after
/// reading can still point at a line and column.
/// </summary>
internal sealed class CaseLocations
{
    private readonly Dictionary<string, SourceLocation> _byPath = new(StringComparer.Ordinal);

    /// <summary>How many paths are recorded.</summary>
    public int Count => _byPath.Count;

    /// <summary>Records where <paramref name="path"/> was written; the first record of a path wins.</summary>
    public void Add(string path, SourceLocation at) => _byPath.TryAdd(path, at);

    /// <summary>The location recorded for exactly <paramref name="path"/>, if any.</summary>
    public SourceLocation? Get(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>
    /// The location of <paramref name="path"/> or, when it was not written (an absent key), of its nearest
    /// written ancestor: <c>pain.nrs</c> falls back to <c>pain</c>, then to the case itself.
    /// </summary>
    public SourceLocation? Find(string path)
    {
        var current = path;
        while (true)
        {
            if (_byPath.TryGetValue(current, out var at))
            {
                return at;
            }

            if (current.Length == 0)
            {
                return null;
            }

            current = Parent(current);
        }
    }

    private static string Parent(string path)
    {
        if (path.EndsWith(']'))
        {
            var bracket = path.LastIndexOf('[');
            if (bracket >= 0)
            {
                return path[..bracket];
            }
        }

        var dot = path.LastIndexOf('.');
        return dot >= 0 ? path[..dot] : string.Empty;
    }
}
