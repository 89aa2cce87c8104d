using SpineDecision.Testing.Fuzzing;

namespace SpineDecision.Tests.Hostile;

/// <summary>
/// Replays every input of tests/SpineDecision.Fuzz/corpus (inputs that once crashed, hung or killed the process):
/// each must now be accepted or rejected cleanly, on a small stack and within the fuzzer's time limit.
/// </summary>
[TestFixture]
public sealed class FuzzCorpusReplayTests
{
    private static readonly FuzzTarget Target = new();

    private static string CorpusFolder => Path.Combine(Cli.CliRunner.RepositoryRoot, "tests", "SpineDecision.Fuzz", "corpus");

    public static IEnumerable<TestCaseData> Corpus() =>
        FuzzCorpus.Read(CorpusFolder).Select(input => new TestCaseData(input.Kind, input.Text).SetArgDisplayNames(input.Name));

    [Test]
    public void Corpus_Folder_HoldsInputs()
    {
        var inputs = FuzzCorpus.Read(CorpusFolder).ToList();

        inputs.Should().NotBeEmpty().And.OnlyContain(i => i.Kind == "case" || i.Kind == "rules" || i.Kind == "scenarios");
    }

    [TestCaseSource(nameof(Corpus))]
    public void Run_CorpusInput_IsAcceptedOrRejectedCleanly(string kind, string text)
    {
        var run = Task.Run(() => SmallStack.Run(() => Target.Run(kind, text, compile: true)));

        var finished = run.Wait(TimeSpan.FromSeconds(10));

        finished.Should().BeTrue("the input must not hang");
        run.Result.Should().BeOneOf(FuzzOutcome.Accepted, FuzzOutcome.Rejected);
    }
}
