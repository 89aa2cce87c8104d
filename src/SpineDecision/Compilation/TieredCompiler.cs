using System.Linq.Expressions;
using FastExpressionCompiler;

namespace SpineDecision.Compilation;

/// <summary>
/// Compiles expression trees the way .NET tiers methods: a delegate is first interpreted
/// (<see cref="LambdaExpression.Compile(bool)"/> with interpretation, whose code ships precompiled in the framework),
/// and compiled with FastExpressionCompiler only once it has been called <see cref="Threshold"/> times.
/// </summary>
/// <remarks>
/// Almost all of a cold start is JIT: FastExpressionCompiler's own code, and every compiled delegate, which the runtime
/// JITs fully optimised on its first call. Most of the engine's several hundred delegates are called a few times per
/// evaluation (alpha conditions) or only when their rule fires (action readers), so a host that evaluates one case
/// pays for none of that; a busy one compiles the hot ones after a few dozen calls. The result is the same either way:
/// the interpreter and the compiler run the same tree (a test runs the reports both ways). After compilation a call
/// costs one more delegate call. Thread-safe: calls counted from several threads may race, which only moves the
/// moment of compilation, and each delegate is compiled once. The case model's own getters (read on every evaluation,
/// several times, and expected not to allocate) are compiled at once with <see cref="CompileNow{TDelegate}"/>.
/// </remarks>
internal static class TieredCompiler
{
    /// <summary>The calls a delegate is interpreted for before it is compiled (.NET's own tiering waits 30 calls).</summary>
    public const int DefaultThreshold = 30;

    private static int _threshold = DefaultThreshold;

    /// <summary>Calls before compilation: 0 compiles on the first call, <see cref="int.MaxValue"/> never compiles (tests).</summary>
    public static int Threshold
    {
        get => Volatile.Read(ref _threshold);
        set => Volatile.Write(ref _threshold, value);
    }

    /// <summary>A delegate that interprets the tree until it is hot, then runs it compiled.</summary>
    public static TDelegate Compile<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate
    {
        var type = typeof(TDelegate);
        var holder = type.IsGenericType ? Holder(type.GetGenericTypeDefinition()) : null;
        if (holder is null)
        {
            return CompileNow(expression);
        }

        var tier = (Tier)Activator.CreateInstance(holder.MakeGenericType(type.GetGenericArguments()), expression)!;
        return (TDelegate)tier.Entry;
    }

    /// <summary>Compiles at once with FastExpressionCompiler (falling back to <see cref="Expression{TDelegate}.Compile()"/> for
    /// the rare tree it does not support).</summary>
    public static TDelegate CompileNow<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate => expression.CompileFast(ifFastFailedReturnNull: true) ?? expression.Compile();

    /// <summary>Interprets once: for a tree evaluated a single time.</summary>
    public static TDelegate Interpret<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate => expression.Compile(preferInterpretation: true);

    /// <summary>How many times a delegate from <see cref="Compile{TDelegate}"/> has been compiled (0 or 1; tests).</summary>
    internal static int Compilations(Delegate tiered) => tiered.Target is Tier tier ? tier.Compilations : -1;

    private static Type? Holder(Type definition) =>
        definition == typeof(Func<>) ? typeof(TieredFunc<>)
        : definition == typeof(Func<,>) ? typeof(TieredFunc<,>)
        : definition == typeof(Func<,,>) ? typeof(TieredFunc<,,>)
        : definition == typeof(Func<,,,,>) ? typeof(TieredFunc<,,,,>)
        : definition == typeof(Action<,>) ? typeof(TieredAction<,>)
        : definition == typeof(Action<,,,>) ? typeof(TieredAction<,,,>)
        : null;

    /// <summary>One tiered delegate: its entry point, which NRules and the engine hold.</summary>
    private abstract class Tier
    {
        public abstract Delegate Entry { get; }

        public int Compilations { get; protected set; }
    }

    private abstract class Tier<TDelegate>(Expression<TDelegate> expression) : Tier
        where TDelegate : Delegate
    {
        private TDelegate? _interpreted;
        private int _calls;
        private int _compiling;

        /// <summary>The compiled delegate once there is one (read without a lock: a reference write is atomic).</summary>
        protected TDelegate? Compiled;

        /// <summary>The delegate for a call made before compilation: the interpreter (built on the first call), or the
        /// compiled delegate when this call makes it hot.</summary>
        protected TDelegate Cold()
        {
            if (++_calls > Threshold && Interlocked.Exchange(ref _compiling, 1) == 0)
            {
                var compiled = CompileNow(expression);
                Compilations++;
                Volatile.Write(ref Compiled, compiled);
                return compiled;
            }

            return Volatile.Read(ref Compiled) ?? Volatile.Read(ref _interpreted) ?? Interpreted();
        }

        private TDelegate Interpreted()
        {
            var interpreted = expression.Compile(preferInterpretation: true);
            Volatile.Write(ref _interpreted, interpreted);
            return interpreted;
        }
    }

    private sealed class TieredFunc<TResult>(Expression<Func<TResult>> expression) : Tier<Func<TResult>>(expression)
    {
        public override Delegate Entry => new Func<TResult>(Invoke);

        private TResult Invoke() => (Compiled ?? Cold())();
    }

    private sealed class TieredFunc<T1, TResult>(Expression<Func<T1, TResult>> expression) : Tier<Func<T1, TResult>>(expression)
    {
        public override Delegate Entry => new Func<T1, TResult>(Invoke);

        private TResult Invoke(T1 a) => (Compiled ?? Cold())(a);
    }

    private sealed class TieredFunc<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> expression) : Tier<Func<T1, T2, TResult>>(expression)
    {
        public override Delegate Entry => new Func<T1, T2, TResult>(Invoke);

        private TResult Invoke(T1 a, T2 b) => (Compiled ?? Cold())(a, b);
    }

    private sealed class TieredFunc<T1, T2, T3, T4, TResult>(Expression<Func<T1, T2, T3, T4, TResult>> expression)
        : Tier<Func<T1, T2, T3, T4, TResult>>(expression)
    {
        public override Delegate Entry => new Func<T1, T2, T3, T4, TResult>(Invoke);

        private TResult Invoke(T1 a, T2 b, T3 c, T4 d) => (Compiled ?? Cold())(a, b, c, d);
    }

    private sealed class TieredAction<T1, T2>(Expression<Action<T1, T2>> expression) : Tier<Action<T1, T2>>(expression)
    {
        public override Delegate Entry => new Action<T1, T2>(Invoke);

        private void Invoke(T1 a, T2 b) => (Compiled ?? Cold())(a, b);
    }

    private sealed class TieredAction<T1, T2, T3, T4>(Expression<Action<T1, T2, T3, T4>> expression) : Tier<Action<T1, T2, T3, T4>>(expression)
    {
        public override Delegate Entry => new Action<T1, T2, T3, T4>(Invoke);

        private void Invoke(T1 a, T2 b, T3 c, T4 d) => (Compiled ?? Cold())(a, b, c, d);
    }
}
