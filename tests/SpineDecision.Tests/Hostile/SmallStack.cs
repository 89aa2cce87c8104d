using System.Runtime.ExceptionServices;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// Runs a test body on a thread with a small stack. The code under test guards its recursion with
/// <see cref="System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack"/>, so a regression in a
/// depth limit shows up here as a catchable <see cref="InsufficientExecutionStackException"/> (a failed test) long
/// before it could overflow the test host's own stack.
/// </summary>
internal static class SmallStack
{
    public const int Bytes = 512 * 1024;

    public static T Run<T>(Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = body();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            Bytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public static void Run(Action body) => Run(() =>
    {
        body();
        return 0;
    });
}
