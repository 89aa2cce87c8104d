using SpineDecision.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpineDecision.Language.Yaml;

/// <summary>
/// Reads untrusted YAML into located nodes from the parser's event stream, enforcing DESIGN §8: no anchors or
/// aliases, no tags, one document, bounded depth, size and lengths, and no duplicate keys. Never throws for bad
/// input: every rejection becomes a diagnostic and the result is <see langword="null"/>. That includes the exceptions
/// YamlDotNet throws that are not <see cref="YamlException"/> (an <see cref="ArgumentOutOfRangeException"/> for a
/// broken surrogate pair such as <c>"\ud800\u0041"</c>, an <see cref="InvalidOperationException"/> for some
/// malformed flow collections), and an empty file (nothing, only comments, or only <c>---</c>), which is an error:
/// every file kind needs content.
/// </summary>
internal static class YamlTreeReader
{
    public static YNode? Read(string text, string file, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (text.Length > limits.MaxFileBytes)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, new SourceLocation(file, 1, 1),
                $"file is {text.Length} characters; the limit is {limits.MaxFileBytes}");
            return null;
        }

        var scanner = new Scanner(new StringReader(text));
        var state = new State(new Parser(scanner), file, diagnostics, limits);
        try
        {
            var root = state.ReadStream();
            if (root is null or YScalar { IsNull: true, Value: "" })
            {
                diagnostics.Error(DiagnosticCodes.EmptyFile, new SourceLocation(file, 1, 1), "the file is empty");
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            diagnostics.Error(DiagnosticCodes.YamlSyntax, At(file, e.Start), $"YAML syntax error: {Clean(e.Message)}");
            return null;
        }
        catch (RejectedException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet sometimes reports malformed flow collections this way, without a position (aaubry/YamlDotNet#541).
            // Its message ("Operation is not valid due to the current state of the object") says nothing useful.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, state.LastLocation,
                "YAML syntax error: malformed YAML after this point; check for an unclosed '[', '{' or quote");
            return null;
        }
        catch (ArgumentException)
        {
            // Thrown by char.ConvertFromUtf32 inside the scanner: a high surrogate escape not followed by a low one
            // ("\ud800\u0041"), a low one first ("\udc00\udc00") or a code point past U+10FFFF ("\UFFFFFFFF").
            diagnostics.Error(DiagnosticCodes.YamlSyntax, At(file, scanner.CurrentPosition),
                "YAML syntax error: invalid Unicode escape; write a character, or a surrogate pair as a high (\\uD800-\\uDBFF) then a low (\\uDC00-\\uDFFF) escape");
            return null;
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or NullReferenceException or KeyNotFoundException)
        {
            // No known input causes these; should YamlDotNet ever throw one, it is still a located rejection.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, At(file, scanner.CurrentPosition), "YAML syntax error: the text could not be read after this point");
            return null;
        }
    }

    private static SourceLocation At(string file, Mark mark) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; we print our own location.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && message.StartsWith('(') ? message[(i + 3)..] : message;
    }

    private sealed class RejectedException : Exception;

    private sealed class State(IParser parser, string file, DiagnosticBag diagnostics, YamlLimits limits)
    {
        private int _nodes;

        /// <summary>Where the last event read started: the best location when the parser fails without one.</summary>
        public SourceLocation LastLocation => parser.Current is { } current ? At(file, current.Start) : new SourceLocation(file, 1, 1);

        public YNode? ReadStream()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(1);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                Reject(DiagnosticCodes.MultipleDocuments, second.Start, "only one YAML document per file is allowed; remove the '---' separator");
            }

            return root;
        }

        private YNode ReadNode(int depth)
        {
            if (++_nodes > limits.MaxNodes)
            {
                Reject(DiagnosticCodes.LimitExceeded, parser.Current!.Start, $"the file has more than {limits.MaxNodes} nodes");
            }

            if (depth > limits.MaxDepth)
            {
                Reject(DiagnosticCodes.TooDeep, parser.Current!.Start, $"nesting deeper than {limits.MaxDepth} levels is not allowed");
            }

            var current = parser.Current ?? throw new YamlException("unexpected end of input");
            if (current is AnchorAlias alias)
            {
                Reject(DiagnosticCodes.AliasNotAllowed, alias.Start, $"aliases ('*{alias.Value}') are not allowed; write the value out");
            }

            if (current is NodeEvent node)
            {
                if (!node.Anchor.IsEmpty)
                {
                    Reject(DiagnosticCodes.AliasNotAllowed, node.Start, $"anchors ('&{node.Anchor}') are not allowed; write the value out");
                }

                if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
                {
                    Reject(DiagnosticCodes.TagNotAllowed, node.Start, $"tags ('{node.Tag}') are not allowed");
                }
            }

            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    if (scalar.Value.Length > limits.MaxScalarLength)
                    {
                        Reject(DiagnosticCodes.LimitExceeded, scalar.Start, $"value is {scalar.Value.Length} characters; the limit is {limits.MaxScalarLength}");
                    }

                    return new YScalar(At(file, scalar.Start), scalar.Value, scalar.Style is not ScalarStyle.Plain);
                case SequenceStart start:
                    {
                        parser.MoveNext();
                        var items = new List<YNode>();
                        while (!parser.TryConsume<SequenceEnd>(out _))
                        {
                            if (items.Count == limits.MaxSequenceLength)
                            {
                                Reject(DiagnosticCodes.LimitExceeded, parser.Current!.Start, $"list has more than {limits.MaxSequenceLength} items");
                            }

                            items.Add(ReadNode(depth + 1));
                        }

                        return new YSequence(At(file, start.Start), items);
                    }

                case MappingStart start:
                    {
                        parser.MoveNext();
                        var entries = new List<KeyValuePair<YScalar, YNode>>();
                        var seen = new HashSet<string>(StringComparer.Ordinal);
                        while (!parser.TryConsume<MappingEnd>(out _))
                        {
                            var keyNode = ReadNode(depth + 1);
                            if (keyNode is not YScalar key)
                            {
                                Reject(DiagnosticCodes.WrongNodeKind, ToMark(keyNode.At), "mapping keys must be plain names");
                                throw new RejectedException();
                            }

                            var value = ReadNode(depth + 1);
                            if (!seen.Add(key.Value))
                            {
                                // Reported, then dropped: the first value wins, so readers can rely on unique keys.
                                diagnostics.Error(DiagnosticCodes.DuplicateKey, key.At, $"duplicate key '{key.Value}'");
                                continue;
                            }

                            entries.Add(new(key, value));
                        }

                        return new YMapping(At(file, start.Start), entries);
                    }

                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private static Mark ToMark(SourceLocation at) => new(0, at.Line, at.Column);

        private void Reject(string code, Mark at, string message)
        {
            diagnostics.Error(code, At(file, at), message);
            throw new RejectedException();
        }
    }
}
