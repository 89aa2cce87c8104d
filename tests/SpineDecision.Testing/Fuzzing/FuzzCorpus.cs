using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SpineDecision.Testing.Fuzzing;

/// <summary>
/// The folder of inputs that once crashed or hung: <c>{kind}-{sha256 prefix}.utf16</c>, the text's UTF-16 code units
/// as written (little-endian), so that lone surrogates and every other hostile character replay exactly.
/// </summary>
public static class FuzzCorpus
{
    /// <summary>Writes one input; returns its path (the same input always gets the same name).</summary>
    public static string Save(string folder, string kind, string text)
    {
        Directory.CreateDirectory(folder);
        var bytes = MemoryMarshal.AsBytes(text.AsSpan()).ToArray();
        var path = Path.Combine(folder, $"{kind}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.utf16");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Every input in <paramref name="folder"/>: its file name, kind and text.</summary>
    public static IEnumerable<(string Name, string Kind, string Text)> Read(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.utf16").Order(StringComparer.Ordinal)
                .Select(path => (Path.GetFileName(path), Path.GetFileName(path).Split('-')[0], new string(MemoryMarshal.Cast<byte, char>(File.ReadAllBytes(path)))))
            : [];
}
