using System.Collections.Immutable;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Model;

/// <summary>One concept of a vocabulary set, for example the procedure <c>facet-rfa</c>.</summary>
/// <param name="Id">Kebab-case id used in rules and cases.</param>
/// <param name="Set">The set it belongs to, for example <c>procedure</c>.</param>
/// <param name="Display">Clinician-facing name.</param>
/// <param name="Codes">Codes as <c>SYSTEM:code</c>, for example <c>CPT:64633</c>.</param>
/// <param name="Groups">Groups a withhold can target, for example <c>neuraxial</c>.</param>
/// <param name="At">Where it was declared.</param>
internal sealed record Concept(string Id, string Set, string Display, ImmutableArray<string> Codes, ImmutableArray<string> Groups, SourceLocation At);
