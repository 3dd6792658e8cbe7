using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Silo.Kafka;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Outbox;

/// <summary>
/// Sends outbox messages that are older than <see cref="MinimumAge"/>: those of a silo that died between its commit
/// and the broker's acknowledgement. Rows are claimed with FOR UPDATE SKIP LOCKED, so two silos never sweep the same
/// row, sent in the order they were written, and deleted in the same transaction once the broker has them all.
/// </summary>
public sealed partial class OutboxSweeper(
    SharedProducer producer, NpgsqlDataSource dataSource, SiloTelemetry telemetry, TimeProvider time, ILogger<OutboxSweeper> logger)
    : BackgroundService
{
    /// <summary>Younger rows belong to a live silo's relay, which deletes them within a second of the acknowledgement.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                var swept = await SweepAsync(stoppingToken);
                if (swept > 0)
                {
                    telemetry.OutboxSwept.Add(swept);
                    LogSwept(swept);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or KafkaException or TimeoutException)
            {
                LogSweepFailed(e.GetType().Name, e.Message); // PostgreSQL or Kafka away: the rows wait for the next round
            }
        }
    }

    /// <summary>Sends and deletes one batch of old rows; returns how many.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = new List<(string Id, string Topic, string Key, byte[] Payload, string? TraceParent)>();
        await using (var select = new NpgsqlCommand(
            """
            SELECT id, topic, key, payload, trace_parent FROM outbox
            WHERE created_at < now() - $1 ORDER BY sequence LIMIT $2 FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = MinimumAge });
            select.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3], reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(SendTimeout);
        await Task.WhenAll(rows.Select(row => producer.Producer.ProduceAsync(row.Topic,
            new Message<string, byte[]> { Key = row.Key, Value = row.Payload, Headers = OutboxRelay.Headers(row.TraceParent) }, limit.Token)));
        await using (var delete = new NpgsqlCommand("DELETE FROM outbox WHERE id = ANY($1)", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    [LoggerMessage(EventId = 55, Level = LogLevel.Information, Message = "Sent {Count} outbox messages a silo had left unsent")]
    private partial void LogSwept(int count);

    [LoggerMessage(EventId = 56, Level = LogLevel.Warning, Message = "Outbox sweep failed ({Error}: {Message}); trying again")]
    private partial void LogSweepFailed(string error, string message);
}
