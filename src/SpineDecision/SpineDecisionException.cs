namespace SpineDecision;

/// <summary>The base of every exception SpineDecision throws on purpose; a host can catch this one type.</summary>
public abstract class SpineDecisionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    protected SpineDecisionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
