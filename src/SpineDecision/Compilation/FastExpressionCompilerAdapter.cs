using System.Linq.Expressions;
using FastExpressionCompiler;
using NRules.Extensibility;

namespace SpineDecision.Compilation;

/// <summary>Compiles NRules' delegates with FastExpressionCompiler: about 10× faster warm compile (NRULES.md §3).</summary>
internal sealed class FastExpressionCompilerAdapter : IExpressionCompiler
{
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate => expression.CompileFast(ifFastFailedReturnNull: true) ?? expression.Compile();
}
