using System.Collections.Immutable;

namespace SpineDecision.Terminology;

/// <summary>
/// What a billing code's descriptor says (CPT 64483: transforaminal, lumbar or sacral, with imaging guidance, single
/// level), declared in the vocabulary: enough to choose the one primary code that fits a region and approach.
/// </summary>
/// <param name="Regions">The region concepts the code is billed for (<c>cervical</c> and <c>thoracic</c> for "cervical or
/// thoracic"; <c>lumbar</c> for "lumbar or sacral"); empty when the descriptor names no region.</param>
/// <param name="Approaches">The approach concepts it is billed for; empty when the descriptor names none.</param>
/// <param name="AddOn">Whether it is an add-on code, billed only with a primary code (each additional level).</param>
/// <param name="ImageGuided">Whether the descriptor includes imaging guidance; <see langword="null"/> when it does not say.</param>
public sealed record BillingAttributes(ImmutableArray<string> Regions, ImmutableArray<string> Approaches, bool AddOn, bool? ImageGuided);
