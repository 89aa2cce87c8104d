namespace SpineDecision.CdsHooks.Handling;

/// <summary>The data the service needs can neither be read from prefetch nor fetched: answered with 412.</summary>
internal sealed class PrefetchUnavailableException : Exception
{
    public PrefetchUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
