using System.Linq.Expressions;
using SpineDecision.Facts;
using SpineDecision.Language.Checking;

namespace SpineDecision.Compilation;

/// <summary>
/// Turns a bound expression into a LINQ expression tree of plain member access, constants, lifted operators and
/// calls to <see cref="Tri"/> and the function table: the small vocabulary NRules' node-sharing comparer handles
/// correctly (NRULES.md §5.6; no TypeIs, no blocks). Parameters are profile constants.
/// </summary>
internal sealed class ExpressionTranslator(IReadOnlyDictionary<string, object> parameterValues, Func<FactBinding, Expression> resolve)
{
    /// <summary>The condition form: holds only when the three-valued result is definitely true.</summary>
    public Expression Condition(Bound bound) => Call(nameof(Tri.IsTrue), Translate(bound));

    public Expression Translate(Bound bound)
    {
        switch (bound)
        {
            case BoundField field:
                return field.Field.Access(resolve(field.Binding));
            case BoundCount count:
                return Expression.Call(typeof(Tri), nameof(Tri.Count), [count.Binding.Type.ClrType], resolve(count.Binding));
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

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(Tri), method, null, arguments);

    private static ConstantExpression Constant(object? value, DataType type) => type.Kind switch
    {
        ValueKind.Number => Expression.Constant(value is null ? null : (double?)Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), typeof(double?)),
        ValueKind.Boolean => Expression.Constant((bool?)value, typeof(bool?)),
        ValueKind.Date => Expression.Constant((int?)value, typeof(int?)),
        _ => Expression.Constant((string?)value, typeof(string)),
    };

    private MethodCallExpression Binary(BoundBinary binary)
    {
        var left = Translate(binary.Left);
        var right = Translate(binary.Right);
        var method = binary.Operator switch
        {
            "and" => nameof(Tri.And),
            "or" => nameof(Tri.Or),
            "-days" => nameof(Tri.MinusDays),
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
            var items = inSet.Items.Select(i => (string)((ConstantExpression)Translate(i)).Value!).ToArray();
            result = Call(nameof(Tri.In), value, Expression.Constant(items));
        }
        else
        {
            result = Expression.Constant(false, typeof(bool?));
            foreach (var item in inSet.Items)
            {
                var equal = Binary(new BoundBinary("==", inSet.Value, item, DataType.Boolean));
                result = Call(nameof(Tri.Or), result, equal);
            }
        }

        return inSet.Negated ? Call(nameof(Tri.Not), result) : result;
    }
}
