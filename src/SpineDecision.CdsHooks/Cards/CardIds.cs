using System.Security.Cryptography;
using System.Text;

namespace SpineDecision.CdsHooks.Cards;

/// <summary>Deterministic card and suggestion uuids: the same call gives the same ids, so feedback can name them.</summary>
internal static class CardIds
{
    /// <summary>
    /// A name-based UUID (RFC 9562 version 8 layout) from SHA-256 over the parts, joined by a separator no part holds.
    /// </summary>
    public static string For(params string[] parts)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(hash[..4]) + "-" + Convert.ToHexStringLower(hash[4..6]) + "-" + Convert.ToHexStringLower(hash[6..8]) + "-"
            + Convert.ToHexStringLower(hash[8..10]) + "-" + Convert.ToHexStringLower(hash[10..16]);
    }
}
