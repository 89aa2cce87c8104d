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
        options = CheckBatchOptions(options);
        return options.MaxDegreeOfParallelism == 1 || options.MaxInFlight == 1
            ? EvaluateSequentially(this, cases, options, cancellationToken)
            : EvaluateInParallel(cases, options, cancellationToken);
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
        return options;
    }

    private static BatchEvaluationResult EvaluateOne(ISpineDecisionEngine engine, long index, PatientCase? patientCase)
    {
        if (patientCase is null)
        {
            return new BatchEvaluationResult(index, null, null, new InvalidCaseException([new CaseProblem("(case)", "is null; the stream must hold a case at every position")]));
        }

        try
        {
            return new BatchEvaluationResult(index, patientCase, engine.Evaluate(patientCase), null);
        }
        catch (SpineDecisionException e)
        {
            return new BatchEvaluationResult(index, patientCase, null, e);
        }
    }

    private IEnumerable<BatchEvaluationResult> EvaluateInParallel(IEnumerable<PatientCase> cases, BatchEvaluationOptions options, CancellationToken cancellationToken)
    {
        var progress = new ProgressCounter(options);
        using var run = new ParallelBatch(this, options, cancellationToken);
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
        private readonly CancellationToken _cancellationToken;
        private readonly PatientCase?[] _cases;
        private readonly BatchEvaluationResult?[] _results;
        private readonly object _gate = new();
        private readonly Task[] _workers;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private long _claimed;
        private int _idleWorkers;
        private bool _consumerWaiting;
        private bool _stopping;
        private ExceptionDispatchInfo? _failure;

        public ParallelBatch(SpineDecisionEngine engine, BatchEvaluationOptions options, CancellationToken cancellationToken)
        {
            _engine = engine;
            _cancellationToken = cancellationToken;
            _cases = new PatientCase?[options.MaxInFlight];
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
            while (true)
            {
                long claimed;
                PatientCase? patientCase;
                lock (_gate)
                {
                    if (_results[slot] is { } result)
                    {
                        _results[slot] = null;
                        return result;
                    }

                    _failure?.Throw();
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (!TryClaim(out claimed, out patientCase))
                    {
                        // Every posted case is taken and the one needed is still being evaluated by a worker.
                        _consumerWaiting = true;
                        Monitor.Wait(_gate);
                        _consumerWaiting = false;
                        continue;
                    }
                }

                // Help instead of waiting: evaluate the next unclaimed case on this thread.
                Complete(claimed, EvaluateOne(_engine, claimed, patientCase));
            }
        }

        public void Dispose()
        {
            Wake(stop: true);
            Task.WaitAll(_workers);
            _wakeOnCancel.Dispose();
        }

        private bool TryClaim(out long index, out PatientCase? patientCase)
        {
            index = _claimed;
            patientCase = null;
            if (_claimed == Posted)
            {
                return false;
            }

            _claimed++;
            var slot = (int)(index % _cases.Length);
            patientCase = _cases[slot];
            _cases[slot] = null;
            return true;
        }

        private void Complete(long index, BatchEvaluationResult result)
        {
            lock (_gate)
            {
                _results[index % _results.Length] = result;
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
                while (true)
                {
                    long index;
                    PatientCase? patientCase;
                    lock (_gate)
                    {
                        while (true)
                        {
                            if (_stopping)
                            {
                                return;
                            }

                            if (TryClaim(out index, out patientCase))
                            {
                                break;
                            }

                            _idleWorkers++;
                            Monitor.Wait(_gate);
                            _idleWorkers--;
                        }
                    }

                    Complete(index, EvaluateOne(_engine, index, patientCase));
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
