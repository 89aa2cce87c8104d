namespace SpineDecision;

/// <summary>How <see cref="ISpineDecisionEngine.EvaluateBatch"/> runs a stream of cases: parallelism, the memory bound
/// and progress reporting. The defaults use every core and keep at most 256 cases in memory.</summary>
public sealed record BatchEvaluationOptions
{
    /// <summary>How many cases are evaluated at the same time: <c>MaxDegreeOfParallelism - 1</c> worker threads, plus
    /// the enumerating thread while it waits for the next result in order. Default <see cref="Environment.ProcessorCount"/>;
    /// <c>1</c> evaluates on the enumerating thread, one case at a time.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The most cases read from the source whose results have not yet been returned: cases waiting to be evaluated,
    /// being evaluated, or evaluated but waiting for an earlier case so that results stay in input order. This bounds
    /// the memory a batch holds, whatever the length of the stream. Default 256.
    /// </summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>
    /// How many cases are evaluated together in one rule session. Sharing a session spreads its set-up over the
    /// cases and never changes a result: each case's facts match only that case's facts, and a case that fails or
    /// reaches the firing limit there is evaluated again alone. Default 20 (measured: see the benchmarks README);
    /// <c>1</c> gives every case a session of its own.
    /// </summary>
    public int CasesPerSession { get; init; } = 20;

    /// <summary>Receives progress every <see cref="ProgressInterval"/> results and once when the batch has finished;
    /// <see langword="null"/> for none. Called on the thread that enumerates the results.</summary>
    public IProgress<BatchEvaluationProgress>? Progress { get; init; }

    /// <summary>How many results between two progress reports. Default 1,000.</summary>
    public int ProgressInterval { get; init; } = 1_000;
}
