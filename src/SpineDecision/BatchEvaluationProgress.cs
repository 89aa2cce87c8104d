namespace SpineDecision;

/// <summary>How far a batch has got, as reported to <see cref="BatchEvaluationOptions.Progress"/>.</summary>
/// <param name="Completed">Results returned so far, failures included.</param>
/// <param name="Failed">Of those, the cases that could not be evaluated.</param>
/// <param name="Elapsed">Time since the batch started (the first request for a result).</param>
/// <param name="Finished">Whether the source is exhausted and every result has been returned.</param>
public sealed record BatchEvaluationProgress(long Completed, long Failed, TimeSpan Elapsed, bool Finished)
{
    /// <summary>Results per second so far; 0 before any time has passed.</summary>
    public double CasesPerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;
}
