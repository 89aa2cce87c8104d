namespace SpineDecision.CdsHooks.Handling;

/// <summary>A request the service cannot read: answered with 400, the JSON path and what was expected.</summary>
internal sealed class CdsRequestException : Exception
{
    public CdsRequestException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner)
    {
        Path = path;
    }

    /// <summary>The JSON path of the offending member, for example <c>$.context.draftOrders</c>.</summary>
    public string Path { get; }
}
