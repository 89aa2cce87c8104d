using System.Linq.Expressions;
using SpineDecision.Compilation;
using SpineDecision.Testing;

namespace SpineDecision.Tests.Compilation;

/// <summary>
/// Delegates start interpreted and are compiled once hot (<see cref="TieredCompiler"/>): the answer never depends on
/// which tier ran it, nor on how many threads made it hot at once.
/// </summary>
[TestFixture]
public sealed class TieredCompilerTests
{
    private static readonly Func<int, string> Expected = n => n % 3 == 0 ? "fizz" : (n * 2.5).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private int _threshold;

    [SetUp]
    public void RememberThreshold() => _threshold = TieredCompiler.Threshold;

    [TearDown]
    public void RestoreThreshold() => TieredCompiler.Threshold = _threshold;

    [Test]
    public void Compile_BelowTheThreshold_InterpretsWithoutCompiling()
    {
        TieredCompiler.Threshold = 5;
        var tiered = TieredCompiler.Compile(Sample());

        var results = Enumerable.Range(0, 5).Select(tiered).ToList();

        results.Should().Equal(Enumerable.Range(0, 5).Select(Expected));
        TieredCompiler.Compilations(tiered).Should().Be(0);
    }

    [Test]
    public void Compile_PastTheThreshold_CompilesOnceAndGivesTheSameResults()
    {
        TieredCompiler.Threshold = 5;
        var tiered = TieredCompiler.Compile(Sample());

        var results = Enumerable.Range(0, 50).Select(tiered).ToList();

        results.Should().Equal(Enumerable.Range(0, 50).Select(Expected));
        TieredCompiler.Compilations(tiered).Should().Be(1);
    }

    [Test]
    public void Compile_MadeHotByManyThreadsAtOnce_CompilesOnceAndEveryCallGetsItsAnswer()
    {
        TieredCompiler.Threshold = 30;
        var tiered = TieredCompiler.Compile(Sample());
        var wrong = 0;
        using var start = new ManualResetEventSlim();

        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.Wait();
            for (var i = 0; i < 2_000; i++)
            {
                var n = (t * 2_000) + i;
                if (tiered(n) != Expected(n))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.Set();
        threads.ForEach(t => t.Join());

        wrong.Should().Be(0);
        TieredCompiler.Compilations(tiered).Should().Be(1);
    }

    [Test]
    public void Compile_WhenTheTreeThrows_ThrowsTheSameExceptionInterpretedAndCompiled()
    {
        var parameter = Expression.Parameter(typeof(string), "s");
        var tree = Expression.Lambda<Func<string, int>>(Expression.Call(typeof(int), nameof(int.Parse), null, parameter), parameter);
        TieredCompiler.Threshold = int.MaxValue;
        var interpreted = TieredCompiler.Compile(tree);
        var fromInterpreter = FluentActions.Invoking(() => interpreted("x")).Should().Throw<FormatException>().Which;
        TieredCompiler.Threshold = 0;
        var compiled = TieredCompiler.Compile(tree);

        var fromCompiled = FluentActions.Invoking(() => compiled("x")).Should().Throw<FormatException>().Which;

        fromInterpreter.Message.Should().Be(fromCompiled.Message);
        TieredCompiler.Compilations(interpreted).Should().Be(0);
        TieredCompiler.Compilations(compiled).Should().Be(1);
    }

    [Test]
    public void Evaluate_WithTheEngineDelegatesInterpreted_GivesTheReportsOfCompiledDelegates()
    {
        var cases = CaseGenerator.Generate(300, seed: 11).Concat(SampleCases.Names.Select(SampleCases.ByName)).ToList();
        var explain = new EvaluationOptions { Explain = true };
        TieredCompiler.Threshold = int.MaxValue;
        var interpreted = SpineDecisionEngine.CreateDefault();
        var fromInterpreter = cases.Select(c => interpreted.Evaluate(c, explain).ToJson()).ToList();
        TieredCompiler.Threshold = 0;
        var compiled = SpineDecisionEngine.CreateDefault();

        var fromCompiled = cases.Select(c => compiled.Evaluate(c, explain).ToJson()).ToList();

        fromInterpreter.Should().Equal(fromCompiled);
    }

    private static Expression<Func<int, string>> Sample()
    {
        var n = Expression.Parameter(typeof(int), "n");
        var culture = Expression.Constant(System.Globalization.CultureInfo.InvariantCulture, typeof(IFormatProvider));
        var scaled = Expression.Multiply(Expression.Convert(n, typeof(double)), Expression.Constant(2.5));
        var body = Expression.Condition(
            Expression.Equal(Expression.Modulo(n, Expression.Constant(3)), Expression.Constant(0)),
            Expression.Constant("fizz"),
            Expression.Call(scaled, typeof(double).GetMethod(nameof(double.ToString), [typeof(IFormatProvider)])!, culture));
        return Expression.Lambda<Func<int, string>>(body, n);
    }
}
