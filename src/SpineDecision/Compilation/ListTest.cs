using System.Globalization;
using System.Text;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;

namespace SpineDecision.Compilation;

/// <summary>
/// A folded list condition: the <c>where</c>/<c>within</c> of an <c>exists</c>, <c>none</c> or <c>count</c> over one
/// of the case's own lists, compiled to a predicate over (case, item) and tested on the case fact. A session evaluates
/// one patient, so a join between the case and its own list items buys nothing that a loop over the items cannot do;
/// as an alpha condition on the case fact it costs no beta memory, and NRules shares it between rules, because the
/// compiler hands out one instance per distinct condition and NRules compares constants with
/// <see cref="object.Equals(object, object)"/>.
/// </summary>
/// <remarks>
/// The three-valued semantics are the pattern's: an item counts when every conjunct is definitely true. The items
/// a <c>count</c> counted are collected again only when its rule fires (<see cref="Collect{T}"/>), in list order, which
/// is the order the items were inserted as facts before folding, so explanations list the same items.
/// </remarks>
internal sealed class ListTest(int list, string key, Func<CaseFact, object, bool> predicate)
{
    /// <summary>The list's index in <see cref="FactSchema.Lists"/>.</summary>
    public int List { get; } = list;

    /// <summary>The condition's canonical text (list and conjuncts), for diagnostics.</summary>
    public string Key { get; } = key;

    /// <summary>Whether an item of the list satisfies the condition.</summary>
    public bool Any(CaseFact fact)
    {
        var items = fact.Lists[List];
        for (var i = 0; i < items.Length; i++)
        {
            if (predicate(fact, items[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether no item of the list satisfies the condition.</summary>
    public bool None(CaseFact fact) => !Any(fact);

    /// <summary>How many items of the list satisfy the condition (never unknown: the list is what was documented).</summary>
    public double? Count(CaseFact fact)
    {
        var items = fact.Lists[List];
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (predicate(fact, items[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The items that satisfy the condition, in list order: what a rule's action and explanation see.</summary>
    public List<T> Collect<T>(CaseFact fact)
    {
        var items = fact.Lists[List];
        var result = new List<T>();
        for (var i = 0; i < items.Length; i++)
        {
            if (predicate(fact, items[i]))
            {
                result.Add((T)items[i]);
            }
        }

        return result;
    }

    public override string ToString() => Key;

    /// <summary>
    /// The canonical text of a bound expression: two conditions with equal text test the same thing (fields by
    /// name and owner, constants and profile values by kind and value, strings length-prefixed).
    /// </summary>
    public static void Print(Bound bound, FactBinding item, IReadOnlyDictionary<string, object> parameterValues, StringBuilder text)
    {
        switch (bound)
        {
            case BoundField field:
                text.Append(field.Binding == item ? "it." : "case.").Append(field.Field.Name);
                break;
            case BoundConstant constant:
                Value(constant.Value, text);
                break;
            case BoundParameter parameter:
                Value(parameterValues[parameter.Parameter.Id], text);
                break;
            case BoundUnary unary:
                text.Append(unary.Operator).Append('(');
                Print(unary.Operand, item, parameterValues, text);
                text.Append(')');
                break;
            case BoundBinary binary:
                text.Append('(');
                Print(binary.Left, item, parameterValues, text);
                text.Append(' ').Append(binary.Operator).Append(' ');
                Print(binary.Right, item, parameterValues, text);
                text.Append(')');
                break;
            case BoundIn inSet:
                Print(inSet.Value, item, parameterValues, text);
                text.Append(inSet.Negated ? " !in [" : " in [");
                foreach (var element in inSet.Items)
                {
                    Print(element, item, parameterValues, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case BoundKnown known:
                text.Append(known.Known ? "known(" : "unknown(");
                Print(known.Value, item, parameterValues, text);
                text.Append(')');
                break;
            case BoundCall call:
                text.Append(call.Function.Name).Append(call.CaseBinding is null ? "(" : "@case(");
                foreach (var argument in call.Arguments)
                {
                    Print(argument, item, parameterValues, text);
                    text.Append(',');
                }

                text.Append(')');
                break;
            default:
                throw new InvalidOperationException($"cannot fold {bound.GetType().Name}");
        }
    }

    private static void Value(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('s').Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            default:
                text.Append('n').Append(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
        }
    }
}
