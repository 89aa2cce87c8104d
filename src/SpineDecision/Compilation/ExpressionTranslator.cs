using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using FastExpressionCompiler;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;
using SpineDecision.Language.Syntax;

namespace SpineDecision.Compilation;

/// <summary>
/// Turns a bound expression into a LINQ expression tree of plain member access, constants, lifted operators and
/// calls to <see cref="Tri"/> and the function table: the small vocabulary NRules' node-sharing comparer handles
/// correctly (NRULES.md §5.6; no TypeIs, no blocks). Parameters are profile constants.
/// </summary>
/// <remarks>
/// The output is shaped for node sharing, which is what makes a session cheap (every Rete node a fact reaches costs
/// allocations per evaluation): calls whose arguments are all constants are folded at compile time (a profile switch
/// <c>param.x == true</c> becomes <c>true</c>, then <c>and</c>/<c>or</c> with a constant side simplify under Kleene logic),
/// and the string set of an <c>in</c> test is one shared array per distinct content, because NRules compares constants
/// with <see cref="object.Equals(object, object)"/> (reference equality for arrays). Equal conditions in different
/// rules then compare equal and share one alpha node.
/// </remarks>
internal sealed class ExpressionTranslator(IReadOnlyDictionary<string, object> parameterValues, Func<FactBinding, Expression> resolve)
{
    /// <summary>
    /// A backstop: the parser already bounds an expression to <see cref="ExprParser.MaxDepth"/> levels and the checker
    /// adds none of its own, so a deeper bound tree is a bug, reported as one rather than as a dead process.
    /// </summary>
    internal const int MaxDepth = 2 * ExprParser.MaxDepth;

    private static readonly ConcurrentDictionary<string, string?[]> SharedSets = new(StringComparer.Ordinal);

    private int _depth;

    /// <summary>The condition form: holds only when the three-valued result is definitely true.</summary>
    public Expression Condition(Bound bound) => Call(nameof(Tri.IsTrue), Translate(bound));

    public Expression Translate(Bound bound)
    {
        if (_depth >= MaxDepth)
        {
            throw new InvalidOperationException($"a checked expression nests deeper than {MaxDepth} levels; the parser should have rejected it");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        _depth++;
        try
        {
            return TranslateNode(bound);
        }
        finally
        {
            _depth--;
        }
    }

    private Expression TranslateNode(Bound bound)
    {
        switch (bound)
        {
            case BoundField field:
                return field.Field.Access(resolve(field.Binding));
            case BoundCount count:
                return Expression.Call(typeof(Tri), nameof(Tri.Count), [count.Binding.Type.ClrType], resolve(count.Binding));
            case BoundFreesOn frees:
                {
                    var clr = frees.Binding.Type.ClrType;
                    var item = Expression.Parameter(clr, "item");
                    var date = Expression.Lambda(typeof(Func<,>).MakeGenericType(clr, typeof(int?)), frees.DateField.Access(item), item).CompileFast();
                    return Expression.Call(typeof(Tri), nameof(Tri.FreesOn), [clr], resolve(frees.Binding), Expression.Constant(date),
                        Translate(frees.AtLeast), Expression.Constant(frees.WindowDays));
                }

            case BoundConstant constant:
                return Constant(constant.Value, constant.Type);
            case BoundParameter parameter:
                return Constant(parameterValues[parameter.Parameter.Id], parameter.Type);
            case BoundUnary { Operator: "not" } not:
                return Call(nameof(Tri.Not), Translate(not.Operand));
            case BoundUnary negate:
                return Call(nameof(Tri.Negate), Translate(negate.Operand));
            case BoundBinary binary:
                return Binary(binary);
            case BoundIn inSet:
                return In(inSet);
            case BoundKnown known:
                {
                    var isKnown = Call(nameof(Tri.IsKnown), Translate(known.Value));
                    return known.Known ? isKnown : Call(nameof(Tri.Not), isKnown);
                }

            case BoundCall call:
                {
                    var arguments = call.Arguments.Select(Translate);
                    if (call.CaseBinding is { } caseBinding)
                    {
                        arguments = arguments.Prepend(FactSchema.Case.Fields["assessmentDate"].Access(resolve(caseBinding)));
                    }

                    return Expression.Call(call.Function.Method, arguments);
                }

            default:
                throw new InvalidOperationException($"cannot translate {bound.GetType().Name}");
        }
    }

    /// <summary>A call to <see cref="Tri"/>, folded when it can be decided at compile time. Every
    /// <see cref="Tri"/> method is pure and total, so folding never changes a result.</summary>
    private static Expression Call(string method, params Expression[] arguments)
    {
        var call = Expression.Call(typeof(Tri), method, null, arguments);
        if (arguments.All(a => a is ConstantExpression))
        {
            var values = arguments.Select(a => ((ConstantExpression)a).Value).ToArray();
            return Expression.Constant(call.Method.Invoke(null, values), call.Type);
        }

        // Kleene logic: x and true = x, x and false = false, x or false = x, x or true = true.
        if (method is nameof(Tri.And) or nameof(Tri.Or) && arguments.Length == 2)
        {
            var absorbing = method == nameof(Tri.Or);
            for (var i = 0; i < 2; i++)
            {
                if (arguments[i] is ConstantExpression { Value: bool constant })
                {
                    return constant == absorbing ? arguments[i] : arguments[1 - i];
                }
            }
        }

        return call;
    }

    /// <summary>One array instance per distinct set content, so equal <c>in</c> tests share a Rete node.</summary>
    private static string?[] Shared(string?[] items)
    {
        var shared = SharedSets.GetOrAdd(string.Join("\u001f", items.Select(i => i is null ? "\u0000" : i)), static (_, items) => items, items);
        return shared.AsSpan().SequenceEqual(items) ? shared : items;
    }

    private static ConstantExpression Constant(object? value, DataType type) => type.Kind switch
    {
        ValueKind.Number => Expression.Constant(value is null ? null : (double?)Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), typeof(double?)),
        ValueKind.Boolean => Expression.Constant((bool?)value, typeof(bool?)),
        ValueKind.Date => Expression.Constant((int?)value, typeof(int?)),
        _ => Expression.Constant((string?)value, typeof(string)),
    };

    private Expression Binary(BoundBinary binary)
    {
        var left = Translate(binary.Left);
        var right = Translate(binary.Right);
        var method = binary.Operator switch
        {
            "and" => nameof(Tri.And),
            "or" => nameof(Tri.Or),
            "-days" => nameof(Tri.MinusDays),
            "+days" => nameof(Tri.PlusDays),
            "-" when binary.Left.Type.Kind == ValueKind.Date => nameof(Tri.DaysBetween),
            "==" => nameof(Tri.Equal),
            "!=" => nameof(Tri.NotEqual),
            "<" => nameof(Tri.Less),
            "<=" => nameof(Tri.LessOrEqual),
            ">" => nameof(Tri.Greater),
            ">=" => nameof(Tri.GreaterOrEqual),
            "+" => nameof(Tri.Add),
            "-" => nameof(Tri.Subtract),
            "*" => nameof(Tri.Multiply),
            "/" => nameof(Tri.Divide),
            _ => throw new InvalidOperationException($"unknown operator {binary.Operator}"),
        };
        return Call(method, left, right);
    }

    private Expression In(BoundIn inSet)
    {
        var value = Translate(inSet.Value);
        Expression result;
        if (value.Type == typeof(string) && inSet.Items.All(i => i is BoundConstant or BoundParameter))
        {
            var items = inSet.Items.Select(i => (string?)((ConstantExpression)Translate(i)).Value).ToArray();
            result = Call(nameof(Tri.In), value, Expression.Constant(Shared(items), typeof(string[])));
        }
        else
        {
            var equals = inSet.Items.Select(item => Binary(new BoundBinary("==", inSet.Value, item, DataType.Boolean))).ToList();
            result = AnyOf(equals, 0, equals.Count);
        }

        return inSet.Negated ? Call(nameof(Tri.Not), result) : result;
    }

    /// <summary>The <c>or</c> of <paramref name="tests"/>[from..to) as a balanced tree, so that a long list makes an
    /// expression tree of logarithmic depth (the expression compiler recurses over it).</summary>
    private static Expression AnyOf(List<Expression> tests, int from, int to) => (to - from) switch
    {
        0 => Expression.Constant(false, typeof(bool?)),
        1 => Call(nameof(Tri.Or), Expression.Constant(false, typeof(bool?)), tests[from]),
        _ => Call(nameof(Tri.Or), AnyOf(tests, from, from + ((to - from) / 2)), AnyOf(tests, from + ((to - from) / 2), to)),
    };
}
