using System.Diagnostics;
using System.Runtime.ExceptionServices;
using SpineDecision.Cases;

namespace SpineDecision;

public sealed partial class SpineDecisionEngine
{
    /// <summary>
    /// Evaluates a stream of cases in parallel and returns the results lazily, in input order, holding at most
    /// <see cref="BatchEvaluationOptions.MaxInFlight"/> cases in memory. A case that cannot be evaluated gives a
    /// result carrying its <see cref="SpineDecisionException"/>; the batch goes on.
    /// </summary>
    /// <param name="cases">The cases; read lazily, one at a time, on the thread that enumerates the results.</param>
    /// <param name="options">Parallelism, memory bound and progress; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the batch: the next request for a result throws
    /// <see cref="OperationCanceledException"/> once the cases being evaluated have finished.</param>
    /// <returns>One result per case, in input order. Nothing runs until it is enumerated; each enumeration runs the
    /// batch again. Stopping the enumeration early stops the batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is below 1.</exception>
    /// <exception cref="OperationCanceledException">During enumeration, when <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <threadsafety>Any number of batches may run on one engine at the same time; enumerate each result sequence
    /// from one thread.</threadsafety>
    public IEnumerable<BatchEvaluationResult> EvaluateBatch(IEnumerable<PatientCase> cases, BatchEvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return EvaluateBatch(cases, options, EvaluationOptions.Default, cancellationToken);
    }

    /// <summary>The batch with evaluation options for every case (tests compare explanations too).</summary>
    internal IEnumerable<BatchEvaluationResult> EvaluateBatch(IEnumerable<PatientCase> cases, BatchEvaluationOptions? options, EvaluationOptions evaluation,
        CancellationToken cancellationToken = default)
    {
        options = CheckBatchOptions(options);
        return options.MaxDegreeOfParallelism == 1 || options.MaxInFlight == 1
            ? EvaluateInChunks(cases, options, evaluation, cancellationToken)
            : EvaluateInParallel(cases, options, evaluation, cancellationToken);
    }

    /// <summary>The batch on the enumerating thread alone: <see cref="BatchEvaluationOptions.CasesPerSession"/> cases
    /// read, evaluated in one session, and returned, then the next ones.</summary>
    private IEnumerable<BatchEvaluationResult> EvaluateInChunks(IEnumerable<PatientCase> cases, BatchEvaluationOptions options, EvaluationOptions evaluation,
        CancellationToken cancellationToken)
    {
        var progress = new ProgressCounter(options);
        var chunk = new PatientCase?[Math.Min(options.CasesPerSession, options.MaxInFlight)];
        var results = new BatchEvaluationResult[chunk.Length];
        long index = 0;
        using var source = cases.GetEnumerator();
        var more = true;
        while (more)
        {
            var count = 0;
            while (count < chunk.Length && (more = source.MoveNext()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                chunk[count++] = source.Current;
            }

            EvaluateChunk(chunk.AsSpan(0, count), index, results, evaluation);
            for (var i = 0; i < count; i++)
            {
                progress.Returned(results[i]);
                yield return results[i];
            }

            index += count;
        }

        progress.Finished();
    }

    /// <summary>
    /// Evaluates consecutive cases of a batch in one session (DESIGN §1 amended: the batch network joins every fact on
    /// its case, so cases sharing a session cannot see each other). A case that is invalid, fails, reaches the firing
    /// limit, or shared a session that failed is evaluated again alone by <see cref="Evaluate(PatientCase)"/>, so every
    /// result is exactly the one a session of its own gives.
    /// </summary>
    private void EvaluateChunk(ReadOnlySpan<PatientCase?> cases, long firstIndex, BatchEvaluationResult[] results, EvaluationOptions evaluation)
    {
        if (cases.Length <= 1)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                results[i] = EvaluateOne(this, firstIndex + i, cases[i], evaluation);
            }

            return;
        }

        var start = Stopwatch.GetTimestamp();
        var prepared = new PreparedCase?[cases.Length];
        var facts = new List<Facts.CaseFact>(cases.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            try
            {
                prepared[i] = cases[i] is { } patientCase ? Prepare(patientCase, evaluation) : null;
            }
            catch (SpineDecisionException)
            {
                // Evaluated alone below, which fails the same way and records it as any failed evaluation.
            }

            if (prepared[i] is { } ready)
            {
                facts.Add(ready.Facts);
            }
        }

        var runs = facts.Count == 0 ? [] : Engine.Evaluator.RunMany(_compiled, facts, _maxFirings);
        for (int i = 0, next = 0; i < cases.Length; i++)
        {
            var run = prepared[i] is null ? null : runs[next++];
            results[i] = run is null ? EvaluateOne(this, firstIndex + i, cases[i], evaluation) : Finished(firstIndex + i, prepared[i]!, run, evaluation, start);
        }
    }

    /// <summary>The result of a case evaluated in a shared session, recorded as <see cref="Evaluate(PatientCase)"/>
    /// records one (the duration is its session's).</summary>
    private BatchEvaluationResult Finished(long index, PreparedCase prepared, Engine.EvaluationRun run, EvaluationOptions evaluation, long start)
    {
        var report = Finish(prepared, run, evaluation);
        SpineDecisionTelemetry.Evaluated(null, Profile, report.Disposition, start);
        return new BatchEvaluationResult(index, prepared.Case, report, null);
    }

    /// <summary>The one-case-at-a-time batch: the default of <see cref="ISpineDecisionEngine.EvaluateBatch"/> for other
    /// implementations, and this engine's path when parallelism is 1.</summary>
    internal static IEnumerable<BatchEvaluationResult> EvaluateSequentially(ISpineDecisionEngine engine, IEnumerable<PatientCase> cases,
        BatchEvaluationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        options = CheckBatchOptions(options);
        return Iterate();

        IEnumerable<BatchEvaluationResult> Iterate()
        {
            var progress = new ProgressCounter(options);
            long index = 0;
            foreach (var patientCase in cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = EvaluateOne(engine, index++, patientCase);
                progress.Returned(result);
                yield return result;
            }

            progress.Finished();
        }
    }

    private static BatchEvaluationOptions CheckBatchOptions(BatchEvaluationOptions? options)
    {
        options ??= new BatchEvaluationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, "options.MaxDegreeOfParallelism");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInFlight, 1, "options.MaxInFlight");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProgressInterval, 1, "options.ProgressInterval");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CasesPerSession, 1, "options.CasesPerSession");
        return options;
    }

    private static BatchEvaluationResult EvaluateOne(ISpineDecisionEngine engine, long index, PatientCase? patientCase, EvaluationOptions? evaluation = null)
    {
        if (patientCase is null)
        {
            return new BatchEvaluationResult(index, null, null, new InvalidCaseException([new CaseProblem("(case)", "is null; the stream must hold a case at every position")]));
        }

        try
        {
            return new BatchEvaluationResult(index, patientCase, evaluation is null ? engine.Evaluate(patientCase) : engine.Evaluate(patientCase, evaluation), null);
        }
        catch (SpineDecisionException e)
        {
            return new BatchEvaluationResult(index, patientCase, null, e);
        }
    }

    private IEnumerable<BatchEvaluationResult> EvaluateInParallel(IEnumerable<PatientCase> cases, BatchEvaluationOptions options, EvaluationOptions evaluation,
        CancellationToken cancellationToken)
    {
        var progress = new ProgressCounter(options);
        using var run = new ParallelBatch(this, options, evaluation, cancellationToken);
        using var source = cases.GetEnumerator();
        var exhausted = false;
        long next = 0;
        while (true)
        {
            // Read on this thread, only as far as the window allows: the memory bound.
            while (!exhausted && run.HasRoomFor(next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (source.MoveNext())
                {
                    run.Post(source.Current);
                }
                else
                {
                    exhausted = true;
                }
            }

            if (exhausted && run.Posted == next)
            {
                break;
            }

            var result = run.Take(next++);
            progress.Returned(result);
            yield return result;
        }

        progress.Finished();
    }

    /// <summary>Counts results and reports progress on the enumerating thread.</summary>
    private sealed class ProgressCounter(BatchEvaluationOptions options)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _completed;
        private long _failed;

        public void Returned(BatchEvaluationResult result)
        {
            _completed++;
            _failed += result.Succeeded ? 0 : 1;
            if (_completed % options.ProgressInterval == 0)
            {
                options.Progress?.Report(new BatchEvaluationProgress(_completed, _failed, _clock.Elapsed, Finished: false));
            }
        }

        public void Finished() => options.Progress?.Report(new BatchEvaluationProgress(_completed, _failed, _clock.Elapsed, Finished: true));
    }

    /// <summary>
    /// A window of <c>MaxInFlight</c> slots over the stream: the enumerating thread posts case <c>i</c> into slot
    /// <c>i % MaxInFlight</c> and takes results back in order; <c>MaxDegreeOfParallelism - 1</c> worker threads evaluate
    /// posted cases in order of arrival, and the enumerating thread evaluates too whenever the result it needs is not
    /// ready, so exactly that many threads are busy and nobody is woken per case. One lock guards the window; cases are
    /// evaluated outside it.
    /// </summary>
    private sealed class ParallelBatch : IDisposable
    {
        private readonly SpineDecisionEngine _engine;
        private readonly EvaluationOptions _evaluation;
        private readonly CancellationToken _cancellationToken;
        private readonly PatientCase?[] _cases;
        private readonly BatchEvaluationResult?[] _results;
        private readonly object _gate = new();
        private readonly Task[] _workers;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private readonly int _chunk;
        private readonly PatientCase?[] _consumerChunk;
        private readonly BatchEvaluationResult[] _consumerResults;
        private long _claimed;
        private int _idleWorkers;
        private bool _consumerWaiting;
        private bool _stopping;
        private ExceptionDispatchInfo? _failure;

        public ParallelBatch(SpineDecisionEngine engine, BatchEvaluationOptions options, EvaluationOptions evaluation, CancellationToken cancellationToken)
        {
            _engine = engine;
            _evaluation = evaluation;
            _cancellationToken = cancellationToken;
            _cases = new PatientCase?[options.MaxInFlight];
            _chunk = Math.Min(options.CasesPerSession, options.MaxInFlight);
            _consumerChunk = new PatientCase?[_chunk];
            _consumerResults = new BatchEvaluationResult[_chunk];
            _results = new BatchEvaluationResult?[options.MaxInFlight];
            _wakeOnCancel = cancellationToken.Register(static state => ((ParallelBatch)state!).Wake(stop: false), this);
            _workers = new Task[Math.Min(options.MaxDegreeOfParallelism - 1, options.MaxInFlight)];
            for (var i = 0; i < _workers.Length; i++)
            {
                _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>Cases posted so far (the next case's index).</summary>
        public long Posted { get; private set; }

        public bool HasRoomFor(long nextToTake) => Posted - nextToTake < _cases.Length;

        public void Post(PatientCase? patientCase)
        {
            lock (_gate)
            {
                _cases[Posted % _cases.Length] = patientCase;
                Posted++;
                if (_idleWorkers > 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public BatchEvaluationResult Take(long index)
        {
            var slot = (int)(index % _results.Length);
            var chunk = _consumerChunk;
            while (true)
            {
                long claimed;
                int count;
                lock (_gate)
                {
                    if (_results[slot] is { } result)
                    {
                        _results[slot] = null;
                        return result;
                    }

                    _failure?.Throw();
                    _cancellationToken.ThrowIfCancellationRequested();
                    if ((count = TryClaim(out claimed, chunk)) == 0)
                    {
                        // Every posted case is taken and the one needed is still being evaluated by a worker.
                        _consumerWaiting = true;
                        Monitor.Wait(_gate);
                        _consumerWaiting = false;
                        continue;
                    }
                }

                // Help instead of waiting: evaluate the next unclaimed cases on this thread.
                Evaluate(claimed, chunk, count, _consumerResults);
            }
        }

        public void Dispose()
        {
            Wake(stop: true);
            Task.WaitAll(_workers);
            _wakeOnCancel.Dispose();
        }

        /// <summary>Claims the next posted cases, at most one chunk; returns how many (0: none is waiting).</summary>
        private int TryClaim(out long first, PatientCase?[] chunk)
        {
            first = _claimed;
            var count = (int)Math.Min(chunk.Length, Posted - _claimed);
            for (var i = 0; i < count; i++)
            {
                var slot = (int)((first + i) % _cases.Length);
                chunk[i] = _cases[slot];
                _cases[slot] = null;
            }

            _claimed += count;
            return count;
        }

        private void Evaluate(long first, PatientCase?[] chunk, int count, BatchEvaluationResult[] results)
        {
            _engine.EvaluateChunk(chunk.AsSpan(0, count), first, results, _evaluation);
            Array.Clear(chunk);
            lock (_gate)
            {
                for (var i = 0; i < count; i++)
                {
                    _results[(first + i) % _results.Length] = results[i];
                }

                if (_consumerWaiting)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private void Wake(bool stop)
        {
            lock (_gate)
            {
                _stopping |= stop || _cancellationToken.IsCancellationRequested;
                Monitor.PulseAll(_gate);
            }
        }

        private void Work()
        {
            try
            {
                var chunk = new PatientCase?[_chunk];
                var results = new BatchEvaluationResult[_chunk];
                while (true)
                {
                    long index;
                    int count;
                    lock (_gate)
                    {
                        while (true)
                        {
                            if (_stopping)
                            {
                                return;
                            }

                            if ((count = TryClaim(out index, chunk)) > 0)
                            {
                                break;
                            }

                            _idleWorkers++;
                            Monitor.Wait(_gate);
                            _idleWorkers--;
                        }
                    }

                    Evaluate(index, chunk, count, results);
                }
            }
            catch (Exception e)
            {
                // Not a case failure but a fault (a bug): stop the batch and rethrow it to the enumerating thread.
                lock (_gate)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                    _stopping = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
