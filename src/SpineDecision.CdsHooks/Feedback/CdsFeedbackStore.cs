using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SpineDecision.CdsHooks.Feedback;

/// <summary>
/// Card feedback and the cards issued per hook instance, in one relational database over plain ADO.NET: SQLite by
/// default; any provider registered with <see cref="DbProviderFactories"/> by a change of provider and connection
/// string. The SQL is portable (no identity columns, no upsert, times as ISO 8601 text). Instances that share the
/// database accept each other's cards.
/// </summary>
internal sealed class CdsFeedbackStore : ICardIssueLog, IDisposable
{
    /// <summary>The schema version this code writes; migrations up to it run once, in order.</summary>
    public const int SchemaVersion = 1;

    private static readonly string[] Migration1 =
    [
        "CREATE TABLE cds_issued_card (service_id VARCHAR(200) NOT NULL, hook_instance VARCHAR(200) NOT NULL, card_uuid VARCHAR(200) NOT NULL, issued_at VARCHAR(40) NOT NULL)",
        "CREATE INDEX ix_cds_issued_card ON cds_issued_card (service_id, card_uuid)",
        "CREATE TABLE cds_feedback (id VARCHAR(36) NOT NULL PRIMARY KEY, service_id VARCHAR(200) NOT NULL, card_uuid VARCHAR(200) NOT NULL, outcome VARCHAR(20) NOT NULL, "
            + "override_code VARCHAR(200), override_system VARCHAR(4000), override_display VARCHAR(4000), user_comment VARCHAR(4000), "
            + "outcome_timestamp VARCHAR(40) NOT NULL, received_at VARCHAR(40) NOT NULL, client VARCHAR(500))",
        "CREATE INDEX ix_cds_feedback_card ON cds_feedback (service_id, card_uuid)",
        "CREATE TABLE cds_feedback_suggestion (feedback_id VARCHAR(36) NOT NULL, suggestion_uuid VARCHAR(200) NOT NULL)",
        "CREATE INDEX ix_cds_feedback_suggestion ON cds_feedback_suggestion (feedback_id)",
    ];

    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly bool _sqlite;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);

    // SQLite has one writer per file: queueing this instance's writers here is cheaper than SQLITE_BUSY retries.
    private readonly SemaphoreSlim _sqliteWriteGate = new(1, 1);
    private volatile bool _schemaReady;

    public CdsFeedbackStore(IOptions<CdsHooksOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        var feedback = options.Value.Feedback;
        _time = time;
        _sqlite = string.Equals(feedback.Provider, CdsFeedbackOptions.SqliteProvider, StringComparison.Ordinal);
        _factory = _sqlite ? SqliteFactory.Instance : DbProviderFactories.GetFactory(feedback.Provider);
        _connectionString = feedback.ConnectionString ?? SqliteConnectionString(Path.GetFullPath(feedback.DatabasePath, environment.ContentRootPath));
    }

    public void Dispose()
    {
        _schemaGate.Dispose();
        _sqliteWriteGate.Dispose();
    }

    /// <summary>Creates the tables on first run and migrates an older schema; safe to call from several instances at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public async ValueTask RecordIssuedAsync(string serviceId, string hookInstance, IReadOnlyList<string> cardUuids, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cardUuids);
        if (cardUuids.Count == 0)
        {
            return;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var card in cardUuids)
        {
            // A retried call issues the same deterministic uuids: record each (service, instance, card) once.
            await ExecuteAsync(Command(connection, transaction,
                "INSERT INTO cds_issued_card (service_id, hook_instance, card_uuid, issued_at) SELECT @service, @instance, @card, @at "
                + "WHERE NOT EXISTS (SELECT 1 FROM cds_issued_card WHERE service_id = @service AND card_uuid = @card AND hook_instance = @instance)",
                ("@service", serviceId), ("@instance", hookInstance), ("@card", card), ("@at", Format(issuedAt))), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> WasIssuedAsync(string serviceId, string cardUuid, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await IsIssuedAsync(connection, null, serviceId, cardUuid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores every entry of one request, all or nothing. Returns the index of the first entry whose card this service
    /// never issued (nothing is then stored), or <see langword="null"/> when all were stored.
    /// </summary>
    public async Task<int?> SaveAsync(string serviceId, string? client, IReadOnlyList<CardFeedback> entries, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var receivedAt = Format(_time.GetUtcNow());
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!await IsIssuedAsync(connection, transaction, serviceId, entry.Card, cancellationToken).ConfigureAwait(false))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return i;
            }

            var id = Guid.NewGuid().ToString("D");
            var reason = entry.OverrideReason;
            await ExecuteAsync(Command(connection, transaction,
                "INSERT INTO cds_feedback (id, service_id, card_uuid, outcome, override_code, override_system, override_display, user_comment, outcome_timestamp, received_at, client) "
                + "VALUES (@id, @service, @card, @outcome, @code, @system, @display, @comment, @timestamp, @received, @client)",
                ("@id", id), ("@service", serviceId), ("@card", entry.Card), ("@outcome", entry.Outcome), ("@code", reason?.Code), ("@system", reason?.System),
                ("@display", reason?.Display), ("@comment", reason?.UserComment), ("@timestamp", Format(entry.OutcomeTimestamp)), ("@received", receivedAt), ("@client", client)), cancellationToken).ConfigureAwait(false);
            foreach (var suggestion in entry.AcceptedSuggestions)
            {
                await ExecuteAsync(Command(connection, transaction,
                    "INSERT INTO cds_feedback_suggestion (feedback_id, suggestion_uuid) VALUES (@id, @suggestion)",
                    ("@id", id), ("@suggestion", suggestion)), cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Holds this instance's SQLite write lock until disposed; nothing for a server database, which takes concurrent writers.</summary>
    private async Task<IDisposable?> WriteLockAsync(CancellationToken cancellationToken)
    {
        if (!_sqlite)
        {
            return null;
        }

        await _sqliteWriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_sqliteWriteGate);
    }

    private static string SqliteConnectionString(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                if (_sqlite)
                {
                    // WAL lets readers and the writer proceed together; the setting lives in the file.
                    await ExecuteAsync(Command(connection, null, "PRAGMA journal_mode=WAL"), cancellationToken).ConfigureAwait(false);
                }

                var version = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                if (version >= SchemaVersion)
                {
                    return;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                if (version < 1)
                {
                    await ExecuteAsync(Command(connection, transaction, "CREATE TABLE cds_schema_version (version INTEGER NOT NULL)"), cancellationToken).ConfigureAwait(false);
                    foreach (var statement in Migration1)
                    {
                        await ExecuteAsync(Command(connection, transaction, statement), cancellationToken).ConfigureAwait(false);
                    }

                    await ExecuteAsync(Command(connection, transaction, "INSERT INTO cds_schema_version (version) VALUES (1)"), cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbException) when (attempt < 3)
            {
                // Another instance migrated at the same moment: read the version again.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(version) FROM cds_schema_version";
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            // No version table: an empty database.
            return 0;
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _factory.CreateConnection() ?? throw new InvalidOperationException("The ADO.NET provider created no connection.");
        connection.ConnectionString = _connectionString;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<bool> IsIssuedAsync(DbConnection connection, DbTransaction? transaction, string serviceId, string cardUuid, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT COUNT(*) FROM cds_issued_card WHERE service_id = @service AND card_uuid = @card", ("@service", serviceId), ("@card", cardUuid));
        var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, string? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = DbType.String;
            parameter.Value = (object?)value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
