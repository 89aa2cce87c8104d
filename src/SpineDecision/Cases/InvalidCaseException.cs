namespace SpineDecision.Cases;

/// <summary>A patient case could not be read or is invalid; <see cref="Problems"/> lists every problem at once.</summary>
public sealed class InvalidCaseException : SpineDecisionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem found.</param>
    public InvalidCaseException(IReadOnlyList<CaseProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<CaseProblem> Problems { get; }

    private static string Describe(IReadOnlyList<CaseProblem> problems) =>
        $"the patient case is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):{Environment.NewLine}  " +
        string.Join(Environment.NewLine + "  ", problems);
}
