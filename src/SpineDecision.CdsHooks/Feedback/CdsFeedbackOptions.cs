namespace SpineDecision.CdsHooks.Feedback;

/// <summary>
/// Where card feedback (accepted, overridden, with reasons) and the cards issued per hook instance are stored. The
/// default is an embedded SQLite file created on first run; PostgreSQL or SQL Server are a change of
/// <see cref="Provider"/> and <see cref="ConnectionString"/> (the store speaks plain ADO.NET).
/// </summary>
public sealed class CdsFeedbackOptions
{
    /// <summary>The invariant name of the ADO.NET provider, as registered with <see cref="System.Data.Common.DbProviderFactories"/>.</summary>
    public const string SqliteProvider = "Microsoft.Data.Sqlite";

    /// <summary>The ADO.NET provider: <see cref="SqliteProvider"/> by default; another registered invariant name (for example <c>Npgsql</c>) otherwise.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite file, relative to the content root unless absolute; its folder is created. Ignored when <see cref="ConnectionString"/> is set.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "cds-feedback.db");

    /// <summary>A full connection string for <see cref="Provider"/>; when <see langword="null"/>, SQLite at <see cref="DatabasePath"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The largest feedback request body accepted, in bytes (larger: 413).</summary>
    public long MaxRequestBodySize { get; set; } = 256 * 1024;

    /// <summary>The most feedback entries one request may carry.</summary>
    public int MaxEntries { get; set; } = 100;
}
