using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpineDecision.Cases;
using SpineDecision.Testing;
using SpineDecision.Testing.Fuzzing;

// dotnet run -c Release --project tests/SpineDecision.Fuzz -- --iterations N --seed S [--workers W] [--timeout-ms T] [--corpus DIR]
// Prints "N inputs, R rejected cleanly, A accepted, C crashes, H hangs". Exit code 1 when C + H > 0.
// --workers 0 runs everything in this process (a stack overflow then ends the run); the default runs child processes
// so that even a dead process is observed: the input it died on is regenerated from the seed and saved to the corpus.
// --afl KIND (rules, case or scenarios) reads one input from afl-fuzz; see afl.sh.
if (Array.IndexOf(args, "--afl") is var afl and >= 0 && afl + 1 < args.Length)
{
    // Coverage-guided mode under afl-fuzz with SharpFuzz-instrumented assemblies (afl.sh). Out of process, so that a
    // stack overflow is reported as a crash, not the end of the fork server. An escaping exception is a crash.
    var kind = args[afl + 1];
    var target = new FuzzTarget();
    SharpFuzz.Fuzzer.OutOfProcess.Run(text => target.Run(kind, text), 1 << 21);
    return 0;
}

var options = Options.Parse(args);
var seeds = Seeds.Load();
if (options.Child)
{
    return Fuzzer.RunChild(options, seeds);
}

var stopwatch = Stopwatch.StartNew();
var tally = options.Workers == 0 ? Fuzzer.RunInProcess(options, seeds, Console.Out) : Fuzzer.RunWorkers(options, seeds);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{tally.Inputs} inputs, {tally.Rejected} rejected cleanly, {tally.Accepted} accepted, {tally.Crashes} crashes, {tally.Hangs} hangs ({tally.Deaths} process deaths; seed {options.Seed}; {stopwatch.Elapsed.TotalSeconds:F0} s; slowest input {tally.SlowestMs:F0} ms)"));
return tally.Crashes + tally.Hangs > 0 ? 1 : 0;

/// <summary>The command line.</summary>
internal sealed record Options(int Iterations, int Seed, int Workers, int TimeoutMs, string Corpus, bool Child, int From, int To)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var iterations = Int("--iterations", 10_000);
        return new Options(iterations, Int("--seed", 1), Int("--workers", 2), Int("--timeout-ms", 2_000),
            Value("--corpus") ?? DefaultCorpus(), args.Contains("--child"), Int("--from", 0), Int("--to", iterations));
    }

    /// <summary>tests/SpineDecision.Fuzz/corpus in the repository, found from the working folder or the binary.</summary>
    private static string DefaultCorpus()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SpineDecision.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "SpineDecision.Fuzz", "corpus");
                }
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "corpus");
    }
}

/// <summary>The inputs mutated: shipped rule files, vocabulary, profiles and scenarios, sample cases and generated cases.</summary>
internal static class Seeds
{
    public static IReadOnlyList<(string Kind, string Text)> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "seeds");
        var files = Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => (Kind: path.Contains($"{Path.DirectorySeparatorChar}cases{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "case" : SpineDecision.Testing.Fuzzing.FuzzTarget.KindOf(path), Text: File.ReadAllText(path)));
        var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        var generated = CaseGenerator.Generate(100, seed: 14).Select(c => (Kind: "case", Text: JsonSerializer.Serialize(c with { CaseFormat = 2 }, json)));
        return [.. files, .. generated];
    }
}

/// <summary>Counts of outcomes.</summary>
internal sealed class Tally
{
    public long Inputs { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public long Crashes { get; set; }

    public long Hangs { get; set; }

    public long Deaths { get; set; }

    public double SlowestMs { get; set; }

    public void Add(char outcome)
    {
        Inputs++;
        _ = outcome switch { 'A' => Accepted++, 'R' => Rejected++, 'C' => Crashes++, _ => Hangs++ };
    }
}

internal static class Fuzzer
{
    /// <summary>Input <paramref name="index"/> of the run with <paramref name="seed"/>: the same on every machine and in every worker.</summary>
    public static (string Kind, string Text, bool Compile) Input(IReadOnlyList<(string Kind, string Text)> seeds, int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var (kind, text) = seeds[random.Next(seeds.Count)];
        return (kind, Mutator.Mutate(text, random), random.Next(50) == 0);
    }

    public static Tally RunInProcess(Options options, IReadOnlyList<(string Kind, string Text)> seeds, TextWriter log)
    {
        var target = new FuzzTarget().Warm();
        var tally = new Tally();
        for (var i = options.From; i < options.To; i++)
        {
            var (outcome, ms) = RunOne(target, options, seeds, i, log);
            tally.Add(outcome);
            tally.SlowestMs = Math.Max(tally.SlowestMs, ms);
            if (outcome == 'H')
            {
                target = new FuzzTarget().Warm(); // the hung thread keeps its engine; start afresh
            }
        }

        return tally;
    }

    /// <summary>Runs one input on its own thread (1 MB of stack, like a host's) with the per-input timeout.</summary>
    private static (char Outcome, double Ms) RunOne(FuzzTarget target, Options options, IReadOnlyList<(string Kind, string Text)> seeds, int index, TextWriter log)
    {
        var (kind, text, compile) = Input(seeds, options.Seed, index);
        var outcome = 'H';
        Exception? error = null;
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = target.Run(kind, text, compile) == FuzzOutcome.Accepted ? 'A' : 'R';
                }
                catch (Exception e)
                {
                    error = e;
                    outcome = 'C';
                }
            },
            1024 * 1024) { IsBackground = true };
        thread.Start();
        if (!Finished(thread, options.TimeoutMs))
        {
            var path = FuzzCorpus.Save(options.Corpus, kind, text);
            log.WriteLine($"hang: input {index} ({kind}) ran past {options.TimeoutMs} ms; saved to {path}");
            return ('H', stopwatch.Elapsed.TotalMilliseconds);
        }

        if (outcome == 'C')
        {
            var path = FuzzCorpus.Save(options.Corpus, kind, text);
            log.WriteLine($"crash: input {index} ({kind}) threw {error!.GetType().FullName}: {error.Message}; saved to {path}");
        }

        return (outcome, stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Waits for the input's thread. An input hangs when it has used the limit in CPU time, not wall time: on a
    /// loaded machine a starved input would otherwise pass its limit without doing any work. The process runs one
    /// input at a time, so the process's CPU time is the input's (plus the collector). A wall-clock ceiling of
    /// twenty times the limit still ends an input that blocks without using the CPU.
    /// </summary>
    private static bool Finished(Thread thread, int timeoutMs)
    {
        using var self = Process.GetCurrentProcess();
        var cpuAtStart = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        while (!thread.Join(Math.Min(100, timeoutMs)))
        {
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuAtStart).TotalMilliseconds;
            if (cpu > timeoutMs || wall.ElapsedMilliseconds > 20L * timeoutMs)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A child: announces each input before running it ("&gt; i") and its outcome after ("= i R 12.3").</summary>
    public static int RunChild(Options options, IReadOnlyList<(string Kind, string Text)> seeds)
    {
        var target = new FuzzTarget().Warm();
        for (var i = options.From; i < options.To; i++)
        {
            Console.Out.WriteLine($"> {i}");
            Console.Out.Flush();
            var (outcome, ms) = RunOne(target, options, seeds, i, Console.Error);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"= {i} {outcome} {ms:F1}"));
            if (outcome == 'H')
            {
                Console.Out.Flush();
                return 2; // end the process, and the hung thread with it; the parent goes on after this input
            }
        }

        return 0;
    }

    /// <summary>Splits the run over child processes and restarts a child past an input that killed it.</summary>
    public static Tally RunWorkers(Options options, IReadOnlyList<(string Kind, string Text)> seeds)
    {
        var tally = new Tally();
        var gate = new object();
        var chunk = (options.Iterations + options.Workers - 1) / options.Workers;
        Parallel.For(0, options.Workers, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, worker =>
        {
            var from = worker * chunk;
            var to = Math.Min(options.Iterations, from + chunk);
            while (from < to)
            {
                var (next, died) = RunChildProcess(options, from, to, tally, gate);
                if (died is { } index)
                {
                    var (kind, text, _) = Input(seeds, options.Seed, index);
                    var path = FuzzCorpus.Save(options.Corpus, kind, text);
                    lock (gate)
                    {
                        tally.Add('C');
                        tally.Deaths++;
                        Console.WriteLine($"death: the process died on input {index} ({kind}); saved to {path}");
                    }

                    next = index + 1;
                }

                from = next;
            }
        });

        return tally;
    }

    private static (int Next, int? Died) RunChildProcess(Options options, int from, int to, Tally tally, object gate)
    {
        var self = typeof(Fuzzer).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(self);
        }

        foreach (var arg in new[] { "--child", "--seed", $"{options.Seed}", "--from", $"{from}", "--to", $"{to}", "--iterations", $"{options.Iterations}", "--timeout-ms", $"{options.TimeoutMs}", "--corpus", options.Corpus })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (gate)
                {
                    Console.WriteLine(line);
                }
            }
        };
        process.BeginErrorReadLine();
        int? running = null;
        var next = from;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                running = int.Parse(line[2..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("= ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                lock (gate)
                {
                    tally.Add(parts[2][0]);
                    tally.SlowestMs = Math.Max(tally.SlowestMs, double.Parse(parts[3], CultureInfo.InvariantCulture));
                }

                running = null;
                next = int.Parse(parts[1], CultureInfo.InvariantCulture) + 1;
            }
        }

        process.WaitForExit();
        return (next, running);
    }
}
