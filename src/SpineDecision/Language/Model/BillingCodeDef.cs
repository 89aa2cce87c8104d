using System.Collections.Immutable;
using SpineDecision.Diagnostics;

namespace SpineDecision.Language.Model;

/// <summary>
/// What a billing code's descriptor says, declared under <c>billingCodes:</c> in a vocabulary file: the regions and
/// approaches it is billed for, whether it is an add-on (each additional level) and whether it includes imaging guidance.
/// </summary>
/// <param name="Code">The code as <c>SYSTEM:code</c>, for example <c>CPT:64483</c>; a concept must list it.</param>
/// <param name="Regions">Region concepts of the descriptor (<c>cervical or thoracic</c> is both); empty when it names none.</param>
/// <param name="Approaches">Approach concepts of the descriptor; empty when it names none.</param>
/// <param name="AddOn">Whether it is billed only with a primary code (each additional level or body).</param>
/// <param name="ImageGuided">Whether the descriptor includes imaging guidance; null when it does not say.</param>
/// <param name="At">Where it was declared.</param>
internal sealed record BillingCodeDef(string Code, ImmutableArray<string> Regions, ImmutableArray<string> Approaches, bool AddOn, bool? ImageGuided, SourceLocation At);
