using SpineDecision.Cases;

namespace SpineDecision.Facts;

// Facts are classes with reference identity on purpose: NRules identifies facts by Equals, and two identical
// prior procedures (records, with value equality) must stay two facts (NRULES.md §5.1). Concept values are
// resolved once per case into Concepts (ids, or the code as written when no concept claims it), so that conditions
// compare plain strings; every other field is read from the case record by compiled member access.

/// <summary>The single per-case fact: the case itself, with its concept values resolved.</summary>
internal sealed class CaseFact(PatientCase value, string?[] concepts)
{
    public PatientCase Value { get; set; } = value;

    public string?[] Concepts { get; } = concepts;

    public DateOnly AssessmentDate => Value.AssessmentDate;

    /// <summary>This case's rule firings in a batch session (the rules' first actions count them), so that a case
    /// sharing a session is held to the firing limit of a session of its own; reset when the session starts.</summary>
    public int Firings { get; set; }

    /// <summary>This case's position in its batch session (<c>Engine.Evaluator.RunMany</c>).</summary>
    public int BatchSlot { get; set; }

    /// <summary>The item facts of each case list, by index in <see cref="FactSchema.Lists"/> (items of a nested list
    /// from every parent, in order): what folded list conditions (<c>Compilation.ListTest</c>) loop over.</summary>
    public object[][] Lists { get; } = new object[FactSchema.Lists.Length][];

    /// <summary>This fact, then every item fact, list by list (off the evaluation path: why-not and tests).</summary>
    public IEnumerable<object> All()
    {
        yield return this;
        foreach (var items in Lists)
        {
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }
}

/// <summary>One item of a case list (a prior procedure, an imaging finding…), with its parent item for nested lists.</summary>
internal sealed class ItemFact<T>(T value, object? parent, string?[] concepts, CaseFact owner) : IItemFact
    where T : class
{
    public T Value { get; } = value;

    /// <summary>The item this one is listed in (an imaging finding's study), or <see langword="null"/>.</summary>
    public object? Parent { get; } = parent;

    /// <summary>Resolved concepts: the item's slots, then its parent's.</summary>
    public string?[] Concepts { get; } = concepts;

    public DateOnly AssessmentDate { get; } = owner.AssessmentDate;

    /// <summary>The case whose lists hold this item: a batch session joins the item to its case by reference (O(1)).</summary>
    public CaseFact Owner { get; } = owner;
}

/// <summary>What every <see cref="ItemFact{T}"/> shares, for code that does not know its item type.</summary>
internal interface IItemFact
{
    object? Parent { get; }

    string?[] Concepts { get; }

    CaseFact Owner { get; }
}
