namespace SpineDecision.Threading;

/// <summary>
/// Runs a step over a list of items one after another on a thread of its own, while the caller takes the results in
/// the same order as they are ready: a two-stage pipeline for start-up work whose stages run different code, so that
/// on a cold start the two stages are JIT-compiled (and run) on two cores at once. Results and their order are those
/// of a plain loop; an exception from the step is thrown to the caller at the item where it happened, and for every
/// item after it.
/// </summary>
/// <remarks>One consumer; the step runs on one thread, so it may use state that is not thread-safe as long as the
/// caller does not touch that state until it has taken the last result.</remarks>
internal sealed class InOrder<TIn, TOut>
{
    private readonly TaskCompletionSource<TOut>[] _results;

    public InOrder(IReadOnlyList<TIn> items, Func<TIn, TOut> step)
    {
        _results = new TaskCompletionSource<TOut>[items.Count];
        for (var i = 0; i < _results.Length; i++)
        {
            _results[i] = new TaskCompletionSource<TOut>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = Task.Run(() =>
        {
            var i = 0;
            try
            {
                for (; i < _results.Length; i++)
                {
                    _results[i].SetResult(step(items[i]));
                }
            }
            catch (Exception e)
            {
                foreach (var rest in _results.AsSpan(i))
                {
                    rest.SetException(e);
                }
            }
        });
    }

    public int Count => _results.Length;

    /// <summary>The result for item <paramref name="index"/>, waiting for it if needed.</summary>
    public TOut this[int index] => _results[index].Task.GetAwaiter().GetResult();
}
